"""Spanish."""

from extraction.packs import Pack

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
        "budget": ("presupuesto", "gastar", "pagar"), "price": ("precio", "cuesta", "costo"),
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
        "year": ("ano", "anos"), "size": ("tamano", "metros"), "people": ("personas",),
        "vehicle": ("coche", "carro", "auto", "vehiculo"), "house": ("casa",),
    },
    number_words="es",
)  # fmt: skip
