"""Settings: one typed, frozen tree with its defaults in code.

Layering, weakest first: defaults < a TOML file (``--config``) < environment
(``NEWSWEAVE_<SECTION>_<NAME>``, e.g. ``NEWSWEAVE_INGEST_MAX_BYTES=2000000``)
< explicit overrides (CLI flags). :func:`load_settings` validates once and
raises :class:`~newsweave.errors.ConfigError` naming the fix.

Tuned thresholds that a user has no reason to change live as named constants
beside the algorithm that uses them, each with a line on how it was calibrated.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsweave.errors import ConfigError

__all__ = [
    "RECORD_FIELDS",
    "AlignSettings",
    "ClusterSettings",
    "EngineSettings",
    "IngestSettings",
    "Settings",
    "SparkSettings",
    "WebSettings",
    "load_settings",
]


@dataclass(frozen=True, slots=True)
class IngestSettings:
    #: Largest input file or record read, in bytes. 5 MB is ~50 times a long news feature.
    max_bytes: int = 5_000_000
    #: Shortest text, in characters, worth analysing as an article.
    min_chars: int = 1
    #: Where records (JSON Lines and JSON records, table rows) keep newsweave's fields under
    #: other names, as comma-separated ``field=key`` pairs (``"text=body,published=date"``;
    #: ``--field`` on the command line): a record's ``key`` (a dotted one reads into nested
    #: objects, ``source.name``) is read as that field, before the field's own name.
    fields: str = ""

    def field_keys(self) -> tuple[tuple[str, str], ...]:
        """The pairs of :attr:`fields`, each ``(field, key)``, in the order written."""
        pairs = (item.split("=", 1) for item in self.fields.split(",") if item.strip())
        return tuple((name.strip(), key.strip()) for name, key in pairs)


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    #: Mean probability that two groups of articles report the same story (average link over
    #: the calibrated pair model) at which they are one story; see newsweave.cluster.linkage.
    #: 0.5 is where a merge is as likely right as wrong; lower merges more.
    cut: float = 0.5
    #: How a batch grows a stored corpus: "exact" clusters again everything it reaches (the
    #: stories of one batch), "attach" places the new articles and keeps the stored stories
    #: as they are (newsweave.corpus.attach: seconds on a large store), "whole" clusters the
    #: whole store again (the stories of one batch, at the cost of one), "auto" attaches a
    #: small batch to a large store, clusters the whole store again for a batch of at least
    #: 2% of its texts (newsweave.corpus.intake.WHOLE_SHARE: faster than "exact" there) and
    #: regroups exactly otherwise.
    regroup: str = "auto"


@dataclass(frozen=True, slots=True)
class AlignSettings:
    #: Shortest reused passage reported, in words.
    min_words: int = 8


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Reading the web (:mod:`newsweave.web`): politeness, bounds and timeouts."""

    #: Added to the User-Agent ``newsweave/<version>``, e.g. ``"(+mailto:me@example.org)"``.
    user_agent: str = ""
    #: ``"obey"`` honours robots.txt; ``"ignore"`` skips it everywhere (only for your own sites).
    robots: str = "obey"
    #: Comma-separated host names whose robots.txt is not consulted (your own sites).
    robots_exempt_hosts: str = ""
    #: Requests in flight to one host at a time.
    per_host: int = 2
    #: Least time between the starts of two requests to one host, in seconds.
    min_interval: float = 1.0
    #: Requests in flight in all.
    workers: int = 8
    #: Seconds to open a connection, and to wait for each chunk of a response.
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    #: Largest response body read, in bytes (after decompression).
    max_bytes: int = 5_000_000
    #: Redirects followed per URL.
    max_redirects: int = 5
    #: Retries on 429 and 503 only, waiting Retry-After or ``backoff * 2**n`` seconds.
    retries: int = 2
    backoff: float = 1.0
    #: Bound on the whole run, in seconds: what is not fetched by then is rejected.
    deadline: float = 600.0
    #: URLs taken from one feed or sitemap, and listings followed (index > sitemap > page).
    max_items: int = 1000
    max_depth: int = 3


@dataclass(frozen=True, slots=True)
class SparkSettings:
    """The Spark engine (``--engine spark``): where it runs and with what resources."""

    #: Spark master: ``local[*]`` (every core here), ``local[2]``, ``spark://host:7077``, ...
    master: str = "local[*]"
    app_name: str = "newsweave"
    driver_memory: str = "4g"
    executor_memory: str = "2g"
    #: Partitions of each distributed step; 0 means twice the default parallelism.
    partitions: int = 0
    #: More Spark settings, ``key=value`` pairs separated by commas.
    conf: str = ""
    #: Seconds to wait for a standalone master to answer before giving up.
    connect_timeout: float = 10.0


@dataclass(frozen=True, slots=True)
class EngineSettings:
    """Where the corpus tier and the story tier run."""

    #: ``local`` (this process and a pool of processes) or ``spark``.
    engine: str = "local"
    #: Processes of the local story tier (``analyze --all``); 0 means one per core.
    workers: int = 0


@dataclass(frozen=True, slots=True)
class SummarySettings:
    """How each story's summary is made (:mod:`newsweave.summarize`)."""

    #: ``"extract"`` picks cited sentences of the articles; ``"generate"`` asks an
    #: OpenAI-compatible endpoint to write sentences citing numbered passages, then checks them.
    mode: str = "extract"
    #: Base URL of the endpoint, e.g. ``"http://127.0.0.1:8080/v1"`` (llama.cpp, Ollama, vLLM).
    endpoint: str = ""
    #: Model name sent to the endpoint (some local servers ignore it).
    model: str = ""
    #: Name of the environment variable holding the endpoint's key (never the key itself).
    key_env: str = "NEWSWEAVE_SUMMARY_KEY"
    #: Seconds to wait for the endpoint's answer before falling back to the extractive summary.
    timeout: float = 60.0


@dataclass(frozen=True, slots=True)
class Settings:
    """All of newsweave's settings. ``Settings()`` gives the defaults."""

    ingest: IngestSettings = field(default_factory=IngestSettings)
    cluster: ClusterSettings = field(default_factory=ClusterSettings)
    align: AlignSettings = field(default_factory=AlignSettings)
    web: WebSettings = field(default_factory=WebSettings)
    spark: SparkSettings = field(default_factory=SparkSettings)
    run: EngineSettings = field(default_factory=EngineSettings)
    summary: SummarySettings = field(default_factory=SummarySettings)
    #: Length of each story's cited summary, in words.
    summary_words: int = 120
    #: Path of the SQLite store; ":memory:" keeps nothing; None uses the user data directory.
    db: str | None = None

    def __post_init__(self) -> None:
        _validate(self)

    def results_json(self) -> str:
        """The settings that change results as a JSON object, keys sorted (what ``runs``
        records of each run, for SQL's ``json_extract``)."""
        return json.dumps(self._results(), sort_keys=True)

    def _results(self) -> dict[str, Any]:
        values = dataclasses.asdict(self)
        for where in ("db", "web", "spark", "run"):  # where and how a run goes, not its results
            values.pop(where, None)
        return values


def _validate(settings: Settings) -> None:
    if settings.summary_words < 1:
        raise ConfigError("summary_words must be a positive whole number (try --summary-words 120)")
    if settings.ingest.max_bytes < 1:
        raise ConfigError(
            "ingest.max_bytes must be positive (try NEWSWEAVE_INGEST_MAX_BYTES=5000000)"
        )
    _validate_fields(settings.ingest.fields)
    if not 0.0 < settings.cluster.cut < 1.0:
        raise ConfigError("cluster.cut must be between 0 and 1 (try 0.5)")
    if settings.cluster.regroup not in ("auto", "exact", "attach", "whole"):
        raise ConfigError(
            "cluster.regroup must be 'auto', 'exact', 'attach' or 'whole' "
            "(try NEWSWEAVE_CLUSTER_REGROUP=auto)"
        )
    if settings.align.min_words < 3:
        raise ConfigError("align.min_words must be at least 3 (try 8)")
    if settings.run.engine not in ("local", "spark"):
        raise ConfigError("run.engine must be 'local' or 'spark' (try --engine local)")
    if settings.run.workers < 0 or settings.spark.partitions < 0:
        raise ConfigError("run.workers and spark.partitions must be 0 (automatic) or more")
    web = settings.web
    if web.robots not in ("obey", "ignore"):
        raise ConfigError("web.robots must be 'obey' or 'ignore' (try NEWSWEAVE_WEB_ROBOTS=obey)")
    if min(web.per_host, web.workers, web.max_bytes, web.max_items, web.max_depth) < 1:
        raise ConfigError("web.per_host, workers, max_bytes, max_items, max_depth must be >= 1")
    if min(web.retries, web.max_redirects, web.min_interval, web.backoff) < 0:
        raise ConfigError("web.retries, max_redirects, min_interval, backoff must be >= 0")
    if min(web.connect_timeout, web.read_timeout, web.deadline) <= 0:
        raise ConfigError("web.connect_timeout, read_timeout, deadline must be > 0 (seconds)")
    _validate_summary(settings.summary)


#: The fields of a record that ``ingest.fields`` may read under other names.
RECORD_FIELDS = ("text", "html", "id", "title", "outlet", "url", "published", "language")


def _validate_fields(fields: str) -> None:
    for item in (i for i in fields.split(",") if i.strip()):
        name, is_pair, key = item.partition("=")
        if not is_pair or not key.strip() or name.strip() not in RECORD_FIELDS:
            raise ConfigError(
                f"ingest.fields: {item.strip()!r} is not FIELD=KEY with FIELD one of "
                f"{', '.join(RECORD_FIELDS)} (try --field text=body)"
            )


def _validate_summary(summary: SummarySettings) -> None:
    if summary.mode not in ("extract", "generate"):
        raise ConfigError(
            "summary.mode must be 'extract' or 'generate' (try --summary-mode extract)"
        )
    if summary.mode == "generate" and not summary.endpoint:
        raise ConfigError(
            "summary.mode 'generate' needs summary.endpoint "
            '(try [summary] endpoint = "http://127.0.0.1:8080/v1" in --config)'
        )
    if summary.timeout <= 0:
        raise ConfigError("summary.timeout must be > 0 (seconds; try 60)")


def load_settings(
    file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Build settings from defaults, a TOML file, the environment and overrides.

    Args:
        file: a TOML file with sections ``[ingest]``, ``[cluster]``, ``[align]`` and top-level keys.
        environ: the environment (``os.environ`` when None).
        overrides: dotted keys, e.g. ``{"summary_words": 80, "ingest.max_bytes": 10_000}``.

    Raises:
        ConfigError: unknown key, wrong type or bad value; the message names the fix.

    Example: ``load_settings(overrides={"summary_words": 80}).summary_words == 80``
    """
    layers: list[dict[str, Any]] = []
    if file is not None:
        layers.append(_flatten(_read_toml(Path(file))))
    layers.append(_from_environ(os.environ if environ is None else environ))
    layers.append(dict(overrides or {}))
    values: dict[str, Any] = {}
    for layer in layers:
        values.update({k: v for k, v in layer.items() if v is not None})
    return _build(values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise ConfigError(f"config file {path} not found (check the --config path)") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"config file {path} is not valid TOML: {error}") from error


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _known_keys() -> dict[str, type]:
    keys: dict[str, type] = {}
    defaults = Settings()
    for top in dataclasses.fields(Settings):
        value = getattr(defaults, top.name)
        if dataclasses.is_dataclass(value):
            for sub in dataclasses.fields(value):
                keys[f"{top.name}.{sub.name}"] = type(getattr(value, sub.name))
        else:
            keys[top.name] = str if top.name == "db" else type(value)
    return keys


def _from_environ(environ: Mapping[str, str]) -> dict[str, Any]:
    by_env = {"NEWSWEAVE_" + key.upper().replace(".", "_"): key for key in _known_keys()}
    return {by_env[name]: value for name, value in environ.items() if name in by_env}


def _coerce(key: str, value: Any, kind: type) -> Any:
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if kind is str:  # a TOML list for a comma-separated setting; nothing else becomes text
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ",".join(value)
        raise ConfigError(f"setting {key} must be a str, got {value!r}")
    try:
        return kind(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"setting {key} must be a {kind.__name__}, got {value!r}") from error


def _build(values: Mapping[str, Any]) -> Settings:
    known = _known_keys()
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting {unknown[0]} (known: {', '.join(sorted(known))})")
    sections: dict[str, dict[str, Any]] = {}
    top: dict[str, Any] = {}
    for key, value in values.items():
        coerced = _coerce(key, value, known[key])
        if "." in key:
            section, name = key.split(".", 1)
            sections.setdefault(section, {})[name] = coerced
        else:
            top[key] = coerced
    defaults = Settings()
    for section, fields_ in sections.items():
        top[section] = dataclasses.replace(getattr(defaults, section), **fields_)
    return dataclasses.replace(defaults, **top)
