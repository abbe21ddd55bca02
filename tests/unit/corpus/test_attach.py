from newsweave.corpus.attach import _corroborated


def test_attaching_keeps_a_pair_of_texts_only_at_the_pair_cut_and_never_splits_a_stored_story():
    p = {("n1", "s1"): 0.6, ("n2", "n3"): 0.85, ("n4", "n5"): 0.7}
    groups = [["n1", "s1"], ["n3", "n2"], ["n4", "n5"], ["s2", "s3"], ["n6", "s4", "s5"]]
    loose = {"n1", "n2", "n3", "n4", "n5", "n6"}
    assert _corroborated(groups, p, loose) == [
        ["n1"],
        ["s1"],  # the stored article stays the story it was
        ["n3", "n2"],
        ["n4"],
        ["n5"],
        ["s2", "s3"],  # a stored story of two, no new text in it: left whole
        ["n6", "s4", "s5"],
    ]
