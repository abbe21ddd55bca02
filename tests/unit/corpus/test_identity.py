from newsweave.corpus.identity import Assignment, Retirement, assign_ids

CREATED = {"old": "2019-01-01", "young": "2019-02-01", "s1": "2019-01-05"}


def test_a_story_keeps_its_id_as_it_grows():
    assignments, retired = assign_ids([["a", "b", "c"]], {"a": "s1", "b": "s1"}, CREATED)
    assert assignments == [Assignment("s1", ("a", "b", "c"), "kept")]
    assert retired == []


def test_a_merge_keeps_the_id_of_the_larger_story():
    previous = {"a": "young", "b": "young", "c": "old"}
    assignments, retired = assign_ids([["a", "b", "c", "d"]], previous, CREATED)
    assert [a.id for a in assignments] == ["young"]
    assert retired == [Retirement("old", "merged_into", "young")]


def test_equal_overlaps_keep_the_older_story():
    assignments, retired = assign_ids([["a", "b"]], {"a": "young", "b": "old"}, CREATED)
    assert assignments[0].id == "old"
    assert retired == [Retirement("young", "merged_into", "old")]


def test_a_split_keeps_the_id_on_the_larger_part_and_names_the_origin():
    previous = dict.fromkeys("abc", "s1")
    assignments, retired = assign_ids([["a", "b"], ["c"]], previous, CREATED)
    assert assignments[0] == Assignment("s1", ("a", "b"), "kept")
    assert assignments[1].event == "split_from" and assignments[1].origin == "s1"
    assert assignments[1].id.startswith("s") and assignments[1].id != "s1"
    assert retired == []


def test_new_ids_are_content_digests_and_avoid_taken_ones():
    (first,), _ = assign_ids([["x", "y"]], {}, {})
    (again,), _ = assign_ids([["y", "x"]], {}, {})
    assert first.id == again.id and first.event == "created"
    (other,), _ = assign_ids([["x", "y"]], {}, {}, is_taken=lambda s: s == first.id)
    assert other.id != first.id
