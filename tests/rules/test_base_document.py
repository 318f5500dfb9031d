from tests.rules.rulekit import BASE, check_text


def test_base_post_mortem_has_no_findings() -> None:
    assert check_text(BASE) == []
