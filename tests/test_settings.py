from assistant.settings import Settings, settings_table

from .conftest import ROOT


def test_every_setting_is_documented_in_the_readme_exactly_as_declared():
    readme = (ROOT / "README.md").read_text()
    assert settings_table() in readme, "README settings table is stale: paste the output of `assistant settings` into it"


def test_settings_come_from_the_environment_with_the_assistant_prefix(monkeypatch):
    monkeypatch.setenv("ASSISTANT_PORT", "8123")
    monkeypatch.setenv("ASSISTANT_TOP_K", "7")
    settings = Settings()
    assert (settings.port, settings.top_k) == (8123, 7)
