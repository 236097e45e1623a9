"""Portuguese."""

from extraction.packs import Pack

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
        "budget": ("orcamento", "gastar", "pagar"), "price": ("preco", "custa", "custo"),
        "bedroom": ("quarto", "quartos", "dormitorio", "dormitorios", "suite", "suites"),
        "name": ("nome", "chamo", "chama"), "email": ("email", "e-mail", "correio"),
        "phone": ("telefone", "numero", "celular", "whatsapp"),
        "appointment": ("consulta", "agendamento", "horario", "marcar", "reserva"),
        "visit": ("visita", "visitar", "ver"), "move": ("mudar", "mudanca", "mudarmos"),
        "insurance": ("seguro", "convenio", "plano"), "pain": ("dor", "doi", "doendo"),
        "new": ("novo", "nova", "primeira vez"), "first": ("primeira", "primeiro"),
        "approved": ("aprovado", "aprovada", "pre-aprovado", "preaprovado"),
        "mortgage": ("financiamento", "hipoteca", "credito"), "date": ("data", "dia"),
        "year": ("ano", "anos"), "people": ("pessoas",), "house": ("casa",),
        "vehicle": ("carro", "veiculo", "automovel"),
    },
    number_words="pt",
    # "segunda" alone is also "second": a weekday after "na", "próxima", "esta"…, or with
    # "feira".
    weekdays=(*(rf"{day} feira|(?:(?<=\bna )|(?<=\bate )|(?<=ima )|(?<=sta )|(?<=ssa )){day}"
                for day in ("segunda", "terca", "quarta", "quinta", "sexta")),
              "sabado", "domingo"),
    months=("janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto",
            "setembro", "outubro", "novembro", "dezembro"),
    today=("hoje", "esta tarde", "esta noite", "esta manha"), tomorrow=("amanha",),
    day_after_tomorrow=("depois de amanha",), this=("esta", "nesta", "essa", "nessa"),
    periods={"end of the month": ("(?:fim|final) d[oe] mes",),
             "next month": ("mes que vem", "proximo mes", "mes seguinte"),
             "the weekend": ("(?:fim|final) de semana",),
             "next week": ("semana que vem", "proxima semana", "semana seguinte")},
    offsets=("(?:em|daqui a|dentro de|depois de) {n} {unit}",),
    units={"dias?": "day", "semanas?": "week", "quinzena": "fortnight", "mes(?:es)?": "month"},
    dates=("{n} de {month}(?: de {year})?",),
    days_of_month=("dia {n}",),
    days_of_next_month=("dia {n} do (?:mes que vem|proximo mes)",),
)  # fmt: skip
