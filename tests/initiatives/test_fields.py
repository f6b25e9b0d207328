import pytest
from django.core import serializers
from django.core.exceptions import ValidationError

from initiatives.fields import FiscalQuarterFormField
from initiatives.fiscal import FiscalQuarter
from initiatives.models import Initiative


def test_the_form_field_reads_a_label():
    assert FiscalQuarterFormField().clean("2024-2025 T3") == FiscalQuarter(2024, 3)


def test_the_form_field_refuses_a_malformed_quarter_in_french():
    with pytest.raises(ValidationError) as error:
        FiscalQuarterFormField().clean("2024 T9")
    assert error.value.messages == [
        "« 2024 T9 » n’est pas un trimestre financier (format attendu : 2024-2025 T1)."
    ]


def test_the_form_field_shows_a_quarter_as_its_label():
    assert FiscalQuarterFormField().prepare_value(FiscalQuarter(2024, 1)) == "2024-2025 T1"


@pytest.mark.django_db
def test_fixtures_carry_quarters_as_labels(mcc_initiative):
    dumped = serializers.serialize("json", Initiative.objects.all())
    assert '"start_quarter": "2023-2024 T2"' in dumped
    [restored] = list(serializers.deserialize("json", dumped))
    assert restored.object.start_quarter == FiscalQuarter(2023, 2)
