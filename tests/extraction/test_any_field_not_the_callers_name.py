"""A name field whose description says it is not the caller's reads the other person's
name, even when the description also says who usually calls."""

from __future__ import annotations

from extraction.types import FieldSpec
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

DECEASED = FieldSpec(
    "deceased_name",
    "string",
    "Full name of the person who passed away (NOT the caller - the caller is usually a son, "
    "daughter or spouse)",
)


def test_the_person_the_call_is_about_not_the_caller() -> None:
    request = request_for(
        [
            ("agent", "lo siento mucho cómo se llamaba su mamá"),
            ("user", "se llamaba rosa elena martínez"),
            ("agent", "y usted cómo se llama"),
            ("user", "yo soy alejandro josé martínez el hijo"),
        ],
        zone="America/New_York",
        fields=(DECEASED,),
    )

    assert values(request) == {"deceased_name": "Rosa Elena Martínez"}


def test_a_name_given_in_the_past_tense() -> None:
    request = request_for(
        [
            ("agent", "i'm so sorry what was your grandmother's name"),
            ("user", "her name was dorothy ann pruitt"),
            ("agent", "and who am i speaking with"),
            ("user", "this is mark allen pruitt"),
        ],
        zone="America/New_York",
        fields=(DECEASED,),
    )

    assert values(request) == {"deceased_name": "Dorothy Ann Pruitt"}
