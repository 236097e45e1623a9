"""Portuguese."""

from extraction.packs import Pack

HOURS = {"uma": 1, "um": 1, "duas": 2, "dois": 2, "tres": 3, "quatro": 4, "cinco": 5,
         "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11, "doze": 12,
         "treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16,
         "dezessete": 17, "dezoito": 18, "dezenove": 19, "vinte": 20, "vinte e uma": 21,
         "vinte e duas": 22, "vinte e tres": 23}  # fmt: skip
UNITS = ("um", "dois", "tres", "quatro", "cinco", "seis", "sete", "oito", "nove")
TENS = {"vinte": 20, "trinta": 30, "quarenta": 40, "cinquenta": 50}
# "e meia", "e quinze", "menos um quarto", "e vinte e cinco".
MINUTES = {
    **{word: value for value, word in enumerate(UNITS, start=1)},
    "dez": 10, "onze": 11, "doze": 12, "treze": 13, "catorze": 14, "quinze": 15,
    "dezesseis": 16, "dezessete": 17, "dezoito": 18, "dezenove": 19, **TENS,
    **{f"{ten} e {unit}": tens + value for ten, tens in TENS.items()
       for value, unit in enumerate(UNITS, start=1)},
    "meia": 30, "um quarto": 15, "quarto": 15,
}  # fmt: skip

CUES = {
    "instruction": (
        r"\b(ignore|esqueca|desconsidere)\b.{0,30}\b(instrucoes|regras|anterior)\b",
        r"\b(marque|marca|coloque|registre|anote|classifique)\b.{0,30}\b(como|com)\b"
        r".{0,30}\b(interesse|alto|alta)\b",
    ),
    "accept": (
        r"^\W*(sim|claro|com certeza|pode ser|pode|ta bom|esta bem|beleza|perfeito|otimo|"
        r"combinado|fechado|isso|uhum)\b",
    ),
    "refuse": (r"^\W*(nao|de jeito nenhum|nem pensar)\b",),
    "past": (r"\b(ontem|semana passada|mes passado|liguei|ligaram|foi|estive|fiz)\b",),
    "unavailable": (
        r"\b(nao posso|nao vou estar|nao estarei|viajando|de viagem|ocupad[oa]|trabalhando|"
        r"fora da cidade|nao da)\b",
    ),
    "until": ("ate",),
    "joined": ("e", "porque"),
    "email_aside": (r"\b(?:tudo junto|sem pontos?)\b", r"\bcom uma? [a-z]\b"),
    "clock_before": (r"\bas\s*$",),
    "per_unit": (r"\s*(?:[a-z]+\s+)?(?:por|cada)\s+(?:pessoa|cabeca|noite|quarto)\b",),
    "other_name_said": (r"\b(?:se chama(?:va)?|chama(?:va)?-se|nome del[ea] (?:e|era))\s+",),
    "other_name_question": (r"\bnome (?:dele|dela|do|da)\b|\bcomo (?:ele|ela) se chama(?:va)?\b",),
    "your_name": (r"\bseu nome\b|\bo senhor\b|\ba senhora\b",),
    "how_much": (r"\bquant[oa]s?\b",),
    "sums_up": (r"\bentao\s+(?=(?:sim|nao)\b)",),
    "someone_else": (
        r"\b(?:meu|minha|meus|minhas)\s+(?:marido|esposa|mulher|filh[oa]s?|chefe|mae|pai|"
        r"irma[o]?|amig[oa]|inquilin[oa]|cliente|namorad[oa]|sogr[oa]|av[oó]|vizinh[oa])\b",
        r"\b(?:em nome d[aoe])\b",
    ),
    "clause_break": ("mas", "porem", "melhor", "em vez de", "quer dizer", "nao espera"),
    "contrast": ("mas", "porem"),
    "follow_up_announced": (
        r"\b(vamos|vou|iremos) (te |lhe )?(ligar|retornar|entrar em contato)\b|"
        r"\b(te|lhe) (ligamos|ligaremos|ligo)\b",
    ),
    "follow_up_question": (
        r"\b(ligar (de novo|novamente|para voce|pra voce)|te ligar|lhe ligar|retornar a ligacao|"
        r"podemos (te |lhe )?ligar|entrar em contato|retorno)\b",
    ),
    "customer_will_call": (
        r"\b(eu (te |lhe )?(ligo|ligarei|retorno|aviso)|eu entro em contato)\b",
    ),
    "negative_follow_up": (
        r"\bnao (me )?(ligue|liguem|ligar mais|precisa ligar)\b|\bnao (tenho|temos) interesse\b|"
        r"\bnao me interessa\b|\bnumero errado\b|\bnao,? obrigad[oa]\b|\bme tire da lista\b",
    ),
    "positive_follow_up": (
        r"\b(me liga|me ligue|me liguem|liga pra mim|pode me ligar|podem me ligar|"
        r"me retorne|me retornem|ligar de novo|me chama no whatsapp)\b",
    ),
    "clock_said": (r"\bas? \w+ (?:horas?|h)\b|\b\d+ ?h\b|\bmeio-?dia\b|\bas \w+",),
    "time_question": (r"\b(que horas|a que horas|qual horario|quando|que horario)\b",),
    "name_question": (
        r"\b(nome|com quem (eu )?falo|falo com quem|quem fala|"
        r"como (o senhor|a senhora|voce) se chama)\b",
    ),
    "phone_cue": (
        r"\b(meu numero|numero e|meu telefone|meu celular|meu whatsapp|pode ligar no|"
        r"liga no|celular e|telefone e)\b",
    ),
    "phone_question": (r"\b(numero|telefone|celular|whatsapp)\b",),
    "not_a_phone": (r"\b(conta|pedido|apolice|referencia|cartao|fatura|contrato|cpf|protocolo)\b",),
    "same_number": (
        r"\b(esse|este|mesmo) (numero|telefone|celular)\b|\bo numero que (liguei|estou ligando)\b",
    ),
    "self_correction": (
        r"\b(nao espera|espera|desculpa|desculpe|digo|quer dizer|melhor dizendo|corrigindo)\b",
    ),
    "correction": (r"\b(desculpa|desculpe|digo|quer dizer|espera|corrigindo)\b",),
    "interest_none": (
        r"\bnao (tenho|temos) interesse\b|\bnao me interessa\b|\bnumero errado\b|"
        r"\bnao (me )?(ligue|liguem)\b|\bnao,? obrigad[oa]\b|"
        r"\bnao (preciso|quero|precisamos|queremos)\b|\bja (tenho|temos|contratei|comprei)\b",
    ),
    "interest_high": (
        r"\bmuito interessad[oa]\b|\bquero (contratar|comprar|fechar|assinar|comecar|instalar)\b|"
        r"\bo quanto antes\b|\bo mais rapido possivel\b|\bvamos fechar\b|\bpode agendar\b|"
        r"\burgente\b",
    ),
    "interest_low": (
        r"\bacho que nao\b|\bpor enquanto nao\b|\bmuito caro\b|\bcaro demais\b|"
        r"\bprovavelmente nao\b|\bnao e prioridade\b|\btalvez ano que vem\b",
    ),
    "interest_medium": (
        r"\binteressad[oa]\b|\btenho interesse\b|\bvou pensar\b|\bpreciso pensar\b|"
        r"\bmais informac\w*|\bme mande (informac\w*|detalhes|um orcamento)\b|"
        r"\bfalar com (minha esposa|meu marido|meu socio)\b|\bnao (tenho )?certeza\b|\bdepende\b",
    ),
    "hint_medium": (r"\btalvez\b|\bpreco\b|\bquanto custa\b|\borcamento\b|\bnao sei\b",),
    "hint_high": (r"\bperfeito\b|\botimo\b|\bcom certeza\b",),
}

NAMES = {
    "cue": ("meu nome é", "meu nome e", "me chamo"),
    "weak_cue": ("aqui é", "sou", "sou o", "sou a", "sou eu", "é o", "é a"),
    "greeting": ("oi", "olá", "ola", "bom dia", "boa tarde", "boa noite", "alô", "sim"),
    "after": ("falando",),
    "surname": ("sobrenome",),
    "first_name": ("primeiro nome",),
    "check": ("falo com", "é o senhor", "é a senhora"),
    "confirm": ("sim", "sou eu", "isso", "ele mesmo", "ela mesma"),
    "title": ("(?:o |a )?(?:sr|sra|senhor|senhora|dona|dom)",),
    "common": (
        """
        chamo nome sou aqui obrigado obrigada tudo bem oi ola bom dia boa tarde noite
        amanha hoje ontem segunda terca quarta quinta sexta sabado domingo sim nao talvez
        procuro quero preciso tenho paciente faz uns ele ela tem
        """,
    ),
}

PACK = Pack(
    code="pt",
    yes=("sim", "claro", "com certeza", "certo", "correto", "isso", "isso mesmo", "exato",
         "pode ser", "pode", "ja", "ja temos", "ja tenho", "tenho", "temos", "sou", "somos",
         "ta bom", "esta bem", "beleza", "perfeito", "otimo", "uhum"),
    no=("nao", "ainda nao", "nunca", "nao tenho", "nao temos", "nao sou", "nao somos",
        "nao obrigado", "nao obrigada", "de jeito nenhum", "nenhum", "nenhuma"),
    negations=("nao", "nunca", "nem", "sem", "nenhum", "nenhuma"),
    unsure=("nao sei", "nao tenho certeza", "talvez", "depende", "tenho que ver",
            "vou pensar", "quem sabe"),
    magnitudes={"cem": 100, "mil": 1_000, "milhao": 1_000_000, "milhoes": 1_000_000,
                "k": 1_000},
    half=("meio",),
    range_joiners=("e", "a", "ou", "ate"),
    most=("maximo", "maxima", "no maximo", "ate", "teto"),
    least=("minimo", "minima", "pelo menos", "no minimo"),
    concepts={
        "pickup": ("recolher", "recolha", "coleta", "coletar", "retirada"),
        "deliver": ("entregar", "entrega", "entregue"),
        "gram": ("grama", "gramas"), "kilogram": ("quilo", "quilos"),
        "tonne": ("tonelada", "toneladas"), "weight": ("pesa", "pesam"),  # "pesos" is also money
        "pound": ("libra", "libras"), "hour": ("hora", "horas"), "day": ("dia", "dias"),
        "night": ("noite", "noites"),
        "week": ("semana", "semanas"), "month": ("mes", "meses", "mensal"),
        "percent": ("por cento",),
        "before": ("antes", "alguma vez", "anteriormente"),
        "dog": ("cachorro", "cachorra", "cao"), "cat": ("gato", "gata"), "rabbit": ("coelho",),
        "wedding": ("casamento",), "birthday": ("aniversario",), "funeral": ("funeral", "velorio"),
        "corporate": ("empresa", "escritorio"),
        "budget": ("orcamento", "gastar", "pagar"), "price": ("preco", "custa", "custo"),
        "spend": ("gastar",), "loaner": ("emprestimo", "emprestada", "de cortesia"),
        "bedroom": ("quarto", "quartos", "dormitorio", "dormitorios", "suite", "suites"),
        "name": ("nome", "chamo", "chama"), "email": ("email", "e-mail", "correio"),
        "phone": ("telefone", "numero", "celular", "whatsapp"),
        "appointment": ("consulta", "agendamento", "horario", "marcar", "reserva"),
        "visit": ("visita", "visitar", "ver"), "move": ("mudar", "mudanca", "mudarmos"),
        "insurance": ("seguro", "convenio", "plano"), "pain": ("dor", "doi", "doendo"),
        "new": ("novo", "nova", "primeira vez"), "first": ("primeira", "primeiro"),
        "approved": ("aprovado", "aprovada", "pre-aprovado", "preaprovado"),
        "mortgage": ("financiamento", "hipoteca", "credito"), "date": ("data", "dia"),
        "year": ("ano", "anos", "anual"), "people": ("pessoas",), "house": ("casa",),
        "guest": ("pessoas", "convidados"),
        "vehicle": ("carro", "veiculo", "automovel"),
    },
    choices={
        "weekly": ("toda semana", "semanal", "todas as semanas", "uma vez por semana"),
        "biweekly": ("a cada duas semanas", "cada duas semanas", "quinzenal",
                     "de quinze em quinze dias"),
        "monthly": ("todo mes", "mensal", "uma vez por mes"),
        "one time": ("so uma vez", "uma vez so", "pontual", "avulsa"),
        "standard": ("normal", "padrao", "basica", "basico"),
        "in person": ("presencial", "pessoalmente"),
        "online": ("virtual",),
        "hybrid": ("hibrido", "hibrida"),
    },
    number_words="pt",
    numbers={"zero": 0, "um": 1, "uma": 1, "dois": 2, "duas": 2, "tres": 3, "quatro": 4,
             "cinco": 5, "seis": 6, "sete": 7, "oito": 8, "nove": 9, "dez": 10, "onze": 11,
             "doze": 12, "treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15,
             "dezesseis": 16, "dezasseis": 16, "dezessete": 17, "dezassete": 17,
             "dezoito": 18, "dezenove": 19, "dezanove": 19, "vinte": 20, "trinta": 30,
             "quarenta": 40, "cinquenta": 50, "sessenta": 60, "setenta": 70, "oitenta": 80,
             "noventa": 90, "cem": 100, "cento": 100, "duzentos": 200, "duzentas": 200,
             "trezentos": 300, "trezentas": 300, "quatrocentos": 400, "quatrocentas": 400,
             "quinhentos": 500, "quinhentas": 500, "seiscentos": 600, "seiscentas": 600,
             "setecentos": 700, "setecentas": 700, "oitocentos": 800, "oitocentas": 800,
             "novecentos": 900, "novecentas": 900},
    thousands={"mil": 1_000, "milhao": 1_000_000, "milhoes": 1_000_000},
    joiners=("e",), points=("virgula", "ponto"), digits_only={"meia": 6}, plus=("mais",),
    email_symbols={"arroba": "@", "ponto": ".", "underline": "_", "hifen": "-", "traco": "-"},
    ambiguous=("um",),
    cues=CUES,
    names=NAMES,
    # "segunda" alone is also "second": a weekday after "na", "próxima", "esta"…, or with
    # "feira".
    weekdays=(*(rf"{day} feira|(?:(?<=\bna )|(?<=\bate )|(?<=ima )|(?<=sta )|(?<=ssa )){day}"
                for day in ("segunda", "terca", "quarta", "quinta", "sexta")),
              "sabado", "domingo"),
    months=("janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto",
            "setembro", "outubro", "novembro", "dezembro"),
    today=("hoje", "esta tarde", "esta noite", "esta manha"), tomorrow=("amanha",),
    day_after_tomorrow=("depois de amanha",), this=("esta", "nesta", "essa", "nessa"),
    set_aside_before=("nao", "ate", "menos", "exceto"),
    set_aside_after=("nao", "nao posso", "nao da"),
    periods={"end of the month": ("(?:fim|final) d[oe] mes",),
             "next month": ("mes que vem", "proximo mes", "mes seguinte"),
             "the weekend": ("(?:fim|final) de semana",),
             "next week": ("semana que vem", "proxima semana", "semana seguinte")},
    yesterday=("ontem",),
    ago=("(?:ha|faz) {n} {unit}", "{n} {unit} atras"),
    offsets=("(?:em|daqui a|dentro de|depois de) {n} {unit}",),
    units={"dias?": "day", "semanas?": "week", "quinzena": "fortnight", "mes(?:es)?": "month"},
    dates=("{n} de {month}(?: de {year})?",),
    days_of_month=("dia {n}",),
    days_of_next_month=("dia {n} do (?:mes que vem|proximo mes)",),
    hours=HOURS,
    minutes=MINUTES,
    # "as" is also "the": "as duas casas" are two houses, hence `{not_a_count}`.
    at=("as", "pelas", "por volta das", "la pelas", "depois das", "antes das",
        "a partir das", "ate as", "perto das",
        r"(?:a|pela|por volta da|depois da|antes da|ate a|perto da)(?= uma\b)"),
    oclock=("em ponto", "horas?", "h"),
    clock={"(?:{at} )?{to} (?:para (?:as|a)|pras|pra) {h}": 0,
           "{at} {h}{not_a_count}(?: {oclock})?(?: e {m}| menos {to})?": 0,
           "{h} e meia": 30, r"{at} (?P<h>\d{1,2}) ?h\b": 0,
           "{h}(?= {part})": 0},
    day_parts={"da manha": "morning", "de manha": "morning", "pela manha": "morning",
               "esta manha": "morning", "da madrugada": "morning", "da tarde": "afternoon",
               "de tarde": "afternoon", "a tarde": "afternoon", "pela tarde": "afternoon",
               "esta tarde": "afternoon", "da noite": "night", "de noite": "night",
               "a noite": "night", "pela noite": "night", "esta noite": "night"},
    noon=("meio dia", "meiodia"),
    midnight=("meia noite",),
    day_greetings=("bom dia", "boa tarde", "boa noite"),
    counted=("dias?", "semanas?", "mes(?:es)?", "anos?", "pessoas", "vezes", "minutos",
             "por cento", "reais", "quartos", "filhos", "casas", "carros"),
    corrections=("desculpa", "desculpe", "digo", "quer dizer", "melhor"),
)  # fmt: skip
