"""Spanish."""

from extraction.packs import Pack

NUMBERS = ("uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
           "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete",
           "dieciocho", "diecinueve", "veinte", "veintiuno", "veintidos", "veintitres",
           "veinticuatro", "veinticinco", "veintiseis", "veintisiete", "veintiocho",
           "veintinueve")  # fmt: skip
TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50}
# "y media", "menos cuarto", "y veinte", "y treinta y cinco".
MINUTES = {
    **{word: value for value, word in enumerate(NUMBERS, start=1)},
    **TENS,
    **{f"{ten} y {unit}": tens + value for ten, tens in TENS.items()
       for value, unit in enumerate(NUMBERS[:9], start=1)},
    "media": 30, "cuarto": 15,
}  # fmt: skip

CUES = {
    "instruction": (
        r"\b(ignora|olvida|omite)\b.{0,30}\b(instrucciones|reglas|anterior)\b",
        r"\b(marca|marcame|marque|pon|ponme|registra|apunta|anota|clasifica)\b.{0,30}\b(como|"
        r"con)\b.{0,30}\b(interes|alto|alta|seguimiento)\b",
    ),
    "accept": (
        r"^\W*(si|claro|vale|perfecto|de acuerdo|me parece bien|esta bien|muy bien|"
        r"por supuesto|genial|dale|sin problema)\b",
    ),
    "past": (r"\b(ayer|anoche|la semana pasada|el mes pasado|llame|llamaron|fue|estuve)\b",),
    "unavailable": (
        r"\b(no puedo|no estoy|no estare|estare fuera|de viaje|ocupad[oa]|trabajo todo|"
        r"no me viene bien|no me va bien|imposible|fuera de la ciudad)\b",
    ),
    "follow_up_announced": (
        r"\b(le|te|les) (llamaremos|llamamos|llamare|vamos a llamar|volveremos a llamar|"
        r"llamara)\b",
    ),
    "follow_up_question": (
        r"\b(le llamamos|le podemos llamar|llamarle|le volvemos a llamar|"
        "le parece si le llamo|volver a llamar|le llamo|llamarte|te llamo|le contactamos|"
        r"seguimiento)\b",
    ),
    "customer_will_call": (
        r"\b(yo|ya) (le|te|les) (llamo|llamare|aviso|escribo)\b|\b(le|te|les) llamo yo\b|"
        r"\byo me (comunico|pongo en contacto)\b|\byo (llamo|llamare)\b",
    ),
    "negative_follow_up": (
        r"\bno (me|nos) (llame|llamen|llames|vuelva|vuelvan|molest)\w*",
        r"\bno (vuelva|vuelvan|vuelvas) a llamar\w*|\bno (hace falta|es necesario|"
        r"necesito) (que )?(me )?(llam|volv|segu)\w*",
        r"\bno me interesa\b|\bno estoy interesad[oa]\b|\bno,? gracias\b|"
        r"\bnumero equivocado\b|\bborren?me\b|\bquitenme\b|\bsaquenme\b",
    ),
    "positive_follow_up": (
        r"\b(llame(me|nme)?|llamame|llamenos|vuelva(n)? a llamar(me)?|me (pueden|puede|"
        "podeis) llamar|puede(n)? llamarme|llamarme|me llaman|me llamas|"
        r"me vuelve(n)? a llamar|contacteme|contactenme)\b",
    ),
    "clock_said": (r"\ba las? \w+|\bhoras?\b|\bmediodia\b",),
    "time_question": (r"\b(a que hora|que hora|cuando|a que horas)\b",),
    "name_question": (
        r"\bnombre\b|\bcon quien (hablo|tengo el gusto)\b|\bcomo se llama\b|"
        r"\bcomo te llamas\b|\bquien (habla|es)\b",
    ),
    "phone_cue": (
        r"\b(mi numero|numero es|mi telefono|mi movil|mi celular|llamame al|llameme al|"
        r"me pueden llamar al|al numero|telefono es|movil es|celular es)\b",
    ),
    "phone_question": (r"\b(numero|telefono|movil|celular)\b",),
    "not_a_phone": (
        r"\b(cuenta|pedido|poliza|referencia|tarjeta|factura|contrato|cliente|codigo postal|"
        r"expediente|dni)\b",
    ),
    "same_number": (
        r"\b(este|el mismo|mismo) (numero|telefono)\b|\bal que (me )?(llamo|llamaron|"
        r"llaman)\b|\bdesde el que llamo\b",
    ),
    "self_correction": (r"\b(no espera|espera|perdon|digo|mejor dicho|quiero decir|corrijo)\b",),
    "correction": (r"\b(perdon|digo|mejor dicho|no,|espere|corrijo)\b",),
    "interest_none": (
        r"\bno me interesa\b|\bno estoy interesad[oa]\b|\bnumero equivocado\b|\bno (lo |"
        r"la )?(necesito|quiero|necesitamos|queremos)\b|\bya (tengo|tenemos|contrate|"
        r"contratamos)\b|\bno,? gracias\b|\bno es para (mi|nosotros)\b",
    ),
    "interest_high": (
        r"\bme interesa mucho\b|\bmuy interesad[oa]\b|\binteresadisim[oa]\b|"
        r"\bquiero (contratar|comprar|firmar|empezar|hacerlo|instalar)\b|\blo antes posible\b|"
        r"\bcuanto antes\b|\bme encanta\b|\bapuntame\b|\bapunteme\b|\badelante\b|"
        r"\bestoy list[oa]\b|\bvamos a hacerlo\b|\bdonde firmo\b|\bme urge\b|\burgente\b",
    ),
    "interest_low": (
        r"\bno creo\b|\bahora no\b|\bpor ahora no\b|\bmuy caro\b|\bdemasiado caro\b|"
        r"\bprobablemente no\b|\bno es (una )?prioridad\b|\bquiza(s)? mas adelante\b|"
        r"\bel ano que viene\b|\bno (me )?convence\b|\bde momento no\b",
    ),
    "interest_medium": (
        r"\bme interesa\b|\binteresad[oa]\b|\blo pensare\b|\b(tengo|tenemos) que pensarlo\b|"
        r"\bpensarlo\b|\bque pensar\b|\blo pienso\b|\benvie(me|nme) (informacion|detalles|"
        r"una oferta|un presupuesto)\b|\bmas informacion\b|\bhablar con mi (esposa|esposo|"
        r"marido|mujer|pareja|socio)\b|\bno (estoy )?segur[oa]\b|\bdepende\b",
    ),
    "hint_medium": (
        r"\btal vez\b|\bquiza(s)?\b|\bprecio\b|\bcuanto (cuesta|cuestan|sale|vale)\b|"
        r"\bpresupuesto\b|\bno se\b",
    ),
    "hint_high": (r"\bperfecto\b|\bgenial\b|\bpor supuesto\b|\bclaro que si\b",),
    "contrast": ("pero",),
    "until": ("hasta",),
    "joined": ("y", "porque"),
    "email_aside": (r"\b(?:todo junto|sin puntos?)\b", r"\bcon una? [a-z]\b"),
    "clock_before": (r"\ba las?\s*$",),
    "per_unit": (r"\s*(?:[a-z]+\s+)?(?:por|cada|la)\s+(?:persona|cabeza|noche|habitacion)\b",),
    "other_name_said": (r"\b(?:se llama(?:ba)?|su nombre (?:es|era))\s+",),
    # "el nombre del titular", "a nombre de quién": the caller's own, as the holder of the
    # account, policy or booking.
    "other_name_question": (
        r"\bcomo se llama(?:ba)? (?:el|la|su|tu)\b",
        r"\bnombre del? (?!titular|paciente|cliente|quien)",
    ),
    "your_name": (r"\b(?:su|tu) nombre\b|\busted\b",),
    "how_much": (r"\bcuant[oa]s?\b",),
    "sums_up": (r"\bentonces\s+(?=(?:si|no)\b)",),
    "someone_else": (
        r"\b(?:mi|mis|su)\s+(?:esposa|esposo|marido|mujer|hij[oa]s?|jef[ea]|mama|papa|madre|padre|"
        r"herman[oa]|amig[oa]|inquilin[oa]|cliente|novi[oa]|suegr[oa]|abuel[oa]|vecin[oa])\b",
        r"\b(?:de parte de|a nombre de (?:mi|su|ella|el))\b",
    ),
    "clause_break": (
        "pero",
        "mejor",
        "en vez de",
        "no espere",
        "mejor dicho",
        "digo",
    ),
}

NAMES = {
    "cue": (
        "me llamo",
        "se llama",
        "mi nombre es",
        "mi nombre",
        "nombre es",
        "soy el señor",
        "soy la señora",
    ),
    "weak_cue": ("soy", "soy yo", "habla", "le habla", "aquí", "es"),
    "greeting": (
        "hola",
        "buenos días",
        "buenas tardes",
        "buenas",
        "sí",
        "si",
        "bueno",
        "pues",
        "alo",
        "aló",
    ),
    "after": ("al habla", "hablando"),
    "surname": ("apellido",),
    "first_name": ("nombre de pila", "primer nombre"),
    "check": ("hablo con", "es usted", "con quién hablo,?"),
    "confirm": ("si", "sí", "soy yo", "el mismo", "la misma"),
    "title": (
        "(?:el |la )?(?:sr|sra|srta|senor|senora|senorita|señor|señora|señorita|don|dona|doña)",
    ),
    "common": (
        """
        llamo nombre soy con habla aqui hablando claro bueno pues vale gracias hola buenas
        buenos dias tardes noches perdon disculpe perfecto mire oiga senor senora senorita
        usted alli entonces manana hoy ayer lunes martes miercoles jueves viernes sabado
        domingo si tal vez quizas busco quiero necesito tengo yo ella tiene
        """,
    ),
}

PACK = Pack(
    code="es",
    yes=("si", "claro", "claro que si", "por supuesto", "correcto", "exacto", "asi es",
         "efectivamente", "de acuerdo", "vale", "dale", "ya", "ya lo", "ya tenemos",
         "ya tengo", "tengo", "tenemos", "soy", "somos", "esta bien", "me parece bien",
         "sin problema", "perfecto", "seguro"),
    no=("no", "para nada", "todavia no", "aun no", "nunca", "no tengo", "no tenemos",
        "no soy", "no somos", "no gracias", "tampoco", "ninguno", "ninguna"),
    negations=("no", "nunca", "ni", "tampoco", "sin", "ningun", "ninguna", "ninguno"),
    unsure=("no se", "no estoy seguro", "no estoy segura", "quizas", "quiza", "tal vez",
            "a lo mejor", "depende", "tengo que ver", "tendria que ver", "lo pienso",
            "puede ser"),
    magnitudes={"cien": 100, "mil": 1_000, "millon": 1_000_000, "millones": 1_000_000,
                "k": 1_000},
    half=("medio", "media"),
    range_joiners=("y", "a", "o", "hasta"),
    most=("maximo", "maxima", "como mucho", "hasta", "tope"),
    least=("minimo", "minima", "por lo menos", "al menos"),
    concepts={
        "pickup": ("recoger", "recogida", "recogemos"),
        "deliver": ("entregar", "entrega", "entregado"),
        "gram": ("gramo", "gramos"), "kilogram": ("kilo", "kilos", "kilogramos"),
        "tonne": ("tonelada", "toneladas"), "weight": ("pesa", "pesan"),  # "peso" is also money
        "pound": ("libra", "libras"), "hour": ("hora", "horas"), "day": ("dia", "dias"),
        "night": ("noche", "noches"),
        "week": ("semana", "semanas"), "month": ("mes", "meses", "mensual"),
        "percent": ("por ciento",),
        "before": ("antes", "alguna vez", "previamente"),
        "dog": ("perro", "perrito", "perra"), "cat": ("gato", "gata", "gatito"),
        "rabbit": ("conejo",),
        "wedding": ("boda", "casamiento"), "birthday": ("cumpleanos", "quinceanera"),
        "funeral": ("funeral", "velorio", "entierro"), "corporate": ("empresa", "oficina"),
        "budget": ("presupuesto", "gastar", "pagar"), "price": ("precio", "cuesta", "costo"),
        "spend": ("gastar",), "loaner": ("prestamo", "de cortesia", "sustitucion"),
        "bedroom": ("habitacion", "habitaciones", "dormitorio", "dormitorios", "recamara",
                    "recamaras", "cuarto", "cuartos"),
        "name": ("nombre", "llamo", "llama"), "email": ("correo", "email", "mail"),
        "phone": ("telefono", "numero", "celular", "movil"),
        "appointment": ("cita", "turno", "reserva"), "visit": ("visita", "visitar", "ver"),
        "move": ("mudar", "mudanza", "mudarnos", "mudarme", "mudarse"),
        "insurance": ("seguro", "aseguradora"), "pain": ("dolor", "duele"),
        "new": ("nuevo", "nueva", "primera vez"), "first": ("primera", "primer"),
        "approved": ("aprobado", "aprobada", "preaprobado", "preaprobada"),
        "mortgage": ("hipoteca", "credito"), "date": ("fecha", "dia"),
        "year": ("ano", "anos", "anual"), "size": ("tamano", "metros"), "people": ("personas",),
        "guest": ("personas", "invitados", "gente"),
        "vehicle": ("coche", "carro", "auto", "vehiculo"), "house": ("casa",),
    },
    choices={
        "weekly": ("cada semana", "semanal", "todas las semanas", "una vez a la semana"),
        "biweekly": ("cada dos semanas", "quincenal", "cada quince dias"),
        "monthly": ("cada mes", "mensual", "una vez al mes"),
        "one time": ("solo una vez", "una sola vez", "puntual"),
        "standard": ("normal", "estandar", "basica", "basico"),
        "in person": ("presencial", "en persona"),
        "online": ("en linea", "virtual"),
        "hybrid": ("hibrido", "hibrida"),
    },
    number_words="es",
    number_spellings={"veintidos": "veintidós", "veintitres": "veintitrés"},
    numbers={"cero": 0, "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4,
             "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9, "diez": 10, "once": 11,
             "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16,
             "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
             "veintiun": 21, "veintiuno": 21, "veintiuna": 21, "veintidos": 22,
             "veintitres": 23, "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26,
             "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30,
             "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
             "noventa": 90, "cien": 100, "ciento": 100, "doscientos": 200,
             "trescientos": 300, "cuatrocientos": 400, "quinientos": 500,
             "seiscientos": 600, "setecientos": 700, "ochocientos": 800, "novecientos": 900,
             "doscientas": 200, "trescientas": 300, "cuatrocientas": 400, "quinientas": 500,
             "seiscientas": 600, "setecientas": 700, "ochocientas": 800,
             "novecientas": 900},
    thousands={"mil": 1_000, "millon": 1_000_000, "millones": 1_000_000},
    joiners=("y",), points=("coma", "punto"), repeats={"doble": 2, "triple": 3},
    plus=("mas",),
    email_symbols={"arroba": "@", "punto": ".", "guion bajo": "_", "guion": "-"},
    ambiguous=("once", "un", "una"),
    cues=CUES,
    names=NAMES,
    weekdays=("lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo"),
    months=("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
            "se(?:p)?tiembre", "octubre", "noviembre", "diciembre"),
    today=("hoy", "esta tarde", "esta noche", "esta manana"), tomorrow=("manana",),
    day_after_tomorrow=("pasado manana",), morning_after=("la", "esta", "cada", "de", "su"),
    this=("este",),
    set_aside_before=("no", "hasta", "menos", "excepto"),
    set_aside_after=("no", "no puedo", "no me va", "no me viene"),
    periods={"end of the month": ("(?:fin|final|finales) del? mes",),
             "next month": ("el mes que viene", "el proximo mes", "el mes proximo"),
             "the weekend": ("fin de semana",),
             "next week": ("la semana que viene", "la proxima semana", "la semana proxima")},
    yesterday=("ayer",),
    ago=("hace {n} {unit}",),
    offsets=("(?:en|dentro de|despues de|de aqui a) {n} {unit}",),
    units={"dias?": "day", "semanas?": "week", "mes(?:es)?": "month"},
    dates=("{n} de {month}(?: del? {year})?", "{month} {n}(?: de {year})?"),
    days_of_month=("el (?:dia )?{n}(?! de )", "{weekday} {n}(?! de la| y )"),
    days_of_next_month=("el (?:dia )?{n} del (?:mes que viene|proximo mes)",),
    hours={"un": 1, "una": 1, **{word: value for value, word in enumerate(NUMBERS[:24], start=1)}},
    minutes=MINUTES,
    at=("(?:a|sobre|hacia|para|desde|antes de|despues de|tipo|como a|a eso de|eso de) "
        "(?:la|las)",),
    oclock=("en punto", "horas"),
    clock={"{at} {h}(?: {oclock})?(?: y {m}| menos {to})?": 0},
    day_parts={"de la manana": "morning", "por la manana": "morning",
               "de la tarde": "afternoon", "por la tarde": "afternoon",
               "de la noche": "night", "por la noche": "night", "de la madrugada": "morning",
               "esta tarde": "afternoon", "esta noche": "night"},
    noon=("mediodia",),
    midnight=("medianoche",),
    day_greetings=("buenos dias", "buenas tardes", "buenas noches"),
    counted=("dias?", "semanas?", "meses", "anos?", "personas", "veces", "minutos",
             "por ciento", "euros", "pesos", "habitaciones", "hijos"),
    corrections=("perdon", "mejor", "digo"),
)  # fmt: skip
