import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_interface_is_french_even_for_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "fr-ca"


def test_the_language_switch_chooses_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(reverse("login"))["Content-Language"] == "en"


def test_dates_follow_the_quebec_format():
    import datetime

    from django.utils import formats, translation

    with translation.override("fr-ca"):
        assert formats.date_format(datetime.date(2024, 4, 1)) == "1 avril 2024"
        assert formats.time_format(datetime.time(13, 40)) == "13 h 40"
