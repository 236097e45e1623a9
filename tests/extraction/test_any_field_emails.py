"""An email address spelled out in words is written as an address."""

from __future__ import annotations

import pytest

from extraction.types import FieldSpec, Role
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import values

EMAIL = FieldSpec("email", "string", "Customer email", format="email")


@pytest.mark.parametrize(
    ("turns", "zone", "expected"),
    [
        ([("agent", "what's the best email to send the listings to"),
          ("user", "yeah it's kayla underscore brooks 94 at yahoo dot com")],
         "America/Chicago", "kayla_brooks94@yahoo.com"),
        ([("agent", "and can i get an email for the confirmation"),
          ("user", "sure hannah schwartz all one word at gmail dot com")],
         "America/New_York", "hannahschwartz@gmail.com"),
        ([("agent", "Perfecto, ¿me puede dar su correo electrónico para enviarle la cotización?"),
          ("user", "sí claro es andrea punto jimenez arroba gmail punto com")],
         "America/Mexico_City", "andrea.jimenez@gmail.com"),
        ([("agent", "What email should we use?"),
          ("user", "sure it's mike.obrien@outlook.com")],
         "America/Chicago", "mike.obrien@outlook.com"),
        ([("agent", "email"),
          ("user", "valetorres todo junto at yahoo dot com")],
         "America/Los_Angeles", "valetorres@yahoo.com"),
        ([("agent", "and the email"),
          ("user", "dale jensen no dot at farmmail dot com")],
         "America/Chicago", "dalejensen@farmmail.com"),
        ([("agent", "any email"),
          ("user", "erik with a k e-r-i-k dot j at gci dot net")],
         "America/Anchorage", "erik.j@gci.net"),
        ([("agent", "email for the quote"),
          ("user", "c h e n g dot w e i at gmail dot com")],
         "America/Chicago", "cheng.wei@gmail.com"),
        ([("agent", "and an email"),
          ("user", "dale underscore p sixty two at yahoo dot com")],
         "America/Chicago", "dale_p62@yahoo.com"),
        ([("agent", "can i get a name and email"),
          ("user", "ray castillo and it's ray dot castillo seventy seven at gmail dot com")],
         "America/New_York", "ray.castillo77@gmail.com"),
        ([("agent", "¿nombre y correo?"),
          ("user", "lucía ferrer vidal lucia punto ferrer arroba hotmail punto es")],
         "Europe/Madrid", "lucia.ferrer@hotmail.es"),
        ([("agent", "where do we send the confirmation"),
          ("user", "ollie at ollie mason dot com dot au")],
         "Australia/Sydney", "ollie@olliemason.com.au"),
        ([("agent", "e-mail?"),
          ("user", "events ät nordlicht minus gmbh punkt de")],
         "Europe/Berlin", "events@nordlicht-gmbh.de"),
        ([("agent", "email"),
          ("user", "no b carter two bcarter2 at aol dot com")],
         "America/New_York", "bcarter2@aol.com"),
        ([("agent", "the email again"),
          ("user", "bob at kleinfamily dot net no actually use robert dot klein at comcast dot "
                   "net")],
         "America/Chicago", "robert.klein@comcast.net"),
    ],
)  # fmt: skip
def test_a_spoken_email(turns: list[tuple[Role, str]], zone: str, expected: str) -> None:
    assert values(request_for(turns, zone=zone, fields=(EMAIL,)))["email"] == expected
