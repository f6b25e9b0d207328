"""French first: the interface is in French unless the user picked English."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import check_for_language


class FrenchFirstLocaleMiddleware:
    """Activate the language chosen with the language switch, else French (fr-CA).

    Django's LocaleMiddleware would follow the browser's Accept-Language header;
    a Quebec government application is in French unless the user asks otherwise.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen and check_for_language(chosen) else settings.LANGUAGE_CODE
        language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        # override() restores the thread's previous language once the response
        # is built, so that nothing outside the request inherits the visitor's.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
