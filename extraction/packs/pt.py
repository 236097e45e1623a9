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
)  # fmt: skip
