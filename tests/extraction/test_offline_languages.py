# ruff: noqa: RUF001 - Turkish words are written with a dotless i
"""Spanish and Turkish calls read offline; a call in another language says so."""

from __future__ import annotations

from extraction.offline import OfflineBackend
from extraction.validation import validate_answer
from tests.extraction.conftest import request_for
from tests.extraction.test_offline import analysed


def test_a_spanish_call() -> None:
    request = request_for(
        [
            ("agent", "Buenos días, le habla Ada de SolarSur. ¿Con quién tengo el gusto?"),
            ("user", "Hola, soy Carmen Ruiz."),
            ("agent", "Carmen, ¿le interesaría una revisión gratuita de paneles solares?"),
            ("user", "Sí, me interesa mucho, quiero instalarlos este verano."),
            ("agent", "Perfecto. ¿Cuándo le podemos llamar?"),
            ("user", "Llámeme el lunes a las diez de la mañana."),
            ("agent", "¿A qué número?"),
            ("user", "Al seis uno dos, tres cuatro cinco, seis siete ocho."),
        ],
        zone="Europe/Madrid",
    )

    result = analysed(request)

    assert result.values == {
        "customer_name": "Carmen Ruiz",
        "interest_level": "high",
        "follow_up_required": True,
        "follow_up_date": "2026-03-16",
        "callback_number": "612345678",
    }
    assert result.times == {"follow_up_date": "10:00"}


def test_a_turkish_call() -> None:
    request = request_for(
        [
            ("agent", "Merhaba, ben Ada, GüneşEnerji'den arıyorum. Kiminle görüşüyorum?"),
            ("user", "Merhaba, ben Kemal Aydın."),
            ("agent", "Kemal Bey, ücretsiz keşif yapıyoruz. İlgilenir misiniz?"),
            ("user", "Evet, ilgileniyorum ama eşimle konuşmam lazım."),
            ("agent", "Sizi ne zaman arayalım?"),
            ("user", "Yarın saat üçte arayın lütfen."),
            ("agent", "Hangi numaradan?"),
            ("user", "Numaram sıfır beş yüz otuz iki, yüz yirmi üç, kırk beş, altmış yedi."),
        ]
    )

    result = analysed(request)

    assert result.values == {
        "customer_name": "Kemal Aydın",
        "interest_level": "medium",
        "follow_up_required": True,
        "follow_up_date": "2026-03-11",
        "callback_number": "05321234567",
    }
    assert result.times == {"follow_up_date": "15:00"}


def test_a_turkish_refusal() -> None:
    request = request_for(
        [
            ("agent", "İyi günler, adınızı alabilir miyim?"),
            ("user", "Ayşe Yılmaz."),
            ("agent", "Ayşe Hanım, teklifimizle ilgilenir misiniz?"),
            ("user", "Hayır, ilgilenmiyorum. Lütfen beni bir daha aramayın."),
        ]
    )

    assert analysed(request).values == {
        "customer_name": "Ayşe Yılmaz",
        "interest_level": "none",
        "follow_up_required": False,
        "follow_up_date": None,
        "callback_number": None,
    }


def test_a_spanish_customer_who_will_call_back_themselves() -> None:
    request = request_for(
        [
            ("agent", "Buenas tardes, ¿me dice su nombre?"),
            ("user", "Me llamo José Luis García."),
            ("agent", "¿Le interesa nuestra oferta?"),
            ("user", "Ahora no, es muy caro. Yo les llamo si cambio de opinión."),
        ],
        zone="America/Bogota",
    )

    values = analysed(request).values

    assert (values["customer_name"], values["interest_level"]) == ("José Luis García", "low")
    assert (values["follow_up_required"], values["follow_up_date"]) == (False, None)


def test_a_call_in_a_language_it_does_not_read_says_so_in_every_field() -> None:
    request = request_for(
        [
            ("agent", "Bonjour, ici Ada de SoleilPlus. Avec qui ai-je le plaisir de parler ?"),
            ("user", "Bonjour, c'est Jonas Moreau. Je n'ai pas le temps, merci."),
            ("agent", "Est-ce que je peux vous rappeler demain ?"),
            ("user", "Oui, demain à trois heures. Mon numéro est zéro un cinq."),
        ],
        zone="Europe/Paris",
    )

    result = validate_answer(OfflineBackend().extract(request), request)

    assert set(result.values.values()) == {None}
    assert set(result.reasons) == set(result.values)
    assert set(result.reasons.values()) == {
        "the call is in French, which the offline extractor does not read (it reads English, "
        "German, Hindi, Portuguese, Spanish and Turkish): use a model backend"
    }
