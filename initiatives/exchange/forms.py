"""The upload form of the import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from initiatives.exchange import limits
from initiatives.exchange.reader import too_large_message


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier à importer"),
        help_text=_("Classeur Excel (.xlsx) ou fichier CSV dans la disposition du modèle."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > limits.max_upload_bytes():
            raise forms.ValidationError(too_large_message())
        return upload
