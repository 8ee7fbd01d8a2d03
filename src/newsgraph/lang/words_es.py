"""Spanish word tables, written from Spanish grammar and wire-news usage (see tables.py for the fields)."""

from __future__ import annotations

from .tables import Tables, words

# Speech verbs: preterite (dijo, afirmó), present (dice, afirma), perfect participle (ha dicho, ha afirmado),
# imperfect (decía, afirmaba): the forms agency copy uses around a quote.
_SPEECH = words("""
dijo dice decía dicho dijeron dicen afirmó afirma afirmaba afirmado afirmaron declaró declara declarado declaraba
declararon añadió añade agregó agrega añadido agregado explicó explica explicado señaló señala señalado señalaron
aseguró asegura asegurado aseguraron indicó indica indicado subrayó subraya destacó destaca sostuvo sostiene
manifestó manifiesta expresó expresa advirtió advierte denunció denuncia reconoció reconoce anunció anuncia
respondió responde relató relata contó cuenta apuntó apunta insistió insiste lamentó lamenta precisó precisa
comentó comenta afirmaron criticó critica reiteró reitera confirmó confirma recordó recuerda escribió
prometió promete
""")
_SPEECH_LEMMAS = words("""
decir afirmar declarar añadir agregar explicar señalar asegurar indicar subrayar destacar sostener manifestar
expresar advertir denunciar reconocer anunciar responder relatar contar apuntar insistir lamentar precisar
comentar criticar reiterar confirmar recordar escribir prometer
""")

_UNITS = {
    "un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
    "nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
    "dieciseis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21,
    "veintiún": 21, "veintiuna": 21, "veintidós": 22, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25,
    "veintiséis": 26, "veintisiete": 27, "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300, "cuatrocientos": 400,
    "cuatrocientas": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600, "seiscientas": 600,
    "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
    "novecientas": 900,
}

TABLES = Tables(
    code="es",
    speech_verbs=_SPEECH,
    speech_lemmas=_SPEECH_LEMMAS,
    according_to=("según", "de acuerdo con", "a juicio de", "en palabras de"),
    pronouns={"él": "m", "ella": "f", "ellos": "p", "ellas": "p"},
    quote_pairs=(("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’")),
    dialogue_dash=True,
    units=_UNITS,
    scales={"mil": 1000, "millón": 10**6, "millones": 10**6, "millon": 10**6},
    hundreds_multiply=frozenset(),
    joiners=words("y"),
    approx_nouns={"decena": 10, "docena": 12, "quincena": 15, "veintena": 20, "treintena": 30, "centenar": 100,
                  "millar": 1000},
    vague_nouns={"decenas": 10, "docenas": 12, "centenares": 100, "cientos": 100, "millares": 1000, "miles": 1000,
                 "millones": 10**6},
    hedges=(
        (r"al\s+menos|por\s+lo\s+menos|como\s+mínimo|no\s+menos\s+de", "at_least"),
        (r"hasta|como\s+máximo|a\s+lo\s+sumo", "at_most"),
        (r"más\s+de|por\s+encima\s+de|mas\s+de", "more_than"),
        (r"menos\s+de", "fewer_than"),
        (r"cerca\s+de|unos|unas|alrededor\s+de|aproximadamente|casi|en\s+torno\s+a|aproximadamente|poco\s+más\s+de",
         "about"),
    ),
    not_counts=words("""
    años año meses mes días día horas hora minutos minuto segundos semanas semana siglo km kilómetros kilómetro
    metros metro kg toneladas tonelada litros % por ciento euros euro dólares dólar pesos peso grados °c
    hectáreas kilos enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
    diciembre
    """),
    cues={
        "killed": r"muert[oa]s?|murieron|murió|muere|mueren|fallecid[oa]s|fallecieron|falleció|mató|mataron|matando|"
                  r"asesinad[oa]s?|asesinó|asesinaron|perdieron\s+la\s+vida|víctimas\s+mortales|cadáveres|cuerpos|"
                  r"balance|abatid[oa]s|(?:la\s+)?muerte\s+(?:de|a)|costó\s+la\s+vida|cobró\s+la\s+vida",
        "injured": r"herid[oa]s?|hirió|hirieron|lesionad[oa]s",
        "missing": r"desaparecid[oa]s",
        "displaced": r"desplazad[oa]s|refugiad[oa]s|evacuad[oa]s|damnificad[oa]s|huyeron|han\s+huido",
        "arrested": r"detenid[oa]s?|detuvo|detuvieron|arrestad[oa]s?|arrestó|arrestaron|capturad[oa]s|detenciones|"
                    r"arrestos",
        "kidnapped": r"secuestrad[oa]s|secuestro|secuestraron|rehenes|plagiad[oa]s",
        "protesters": r"manifestantes|marcharon|protestaron|huelguistas",
        "troops": r"soldados|militares|tropas|efectivos|policías|agentes|combatientes",
    },
    person_nouns=words("""
    policía soldado hombre mujer niño niña civil manifestante militar agente periodista joven menor
    familias familia hogares
    personas persona civiles civil gente habitantes pobladores vecinos niños niñas mujeres hombres soldados
    militares policías agentes manifestantes pasajeros estudiantes alumnos fieles muertos heridos víctimas
    miembros migrantes refugiados detenidos rehenes combatientes guerrilleros rebeldes sospechosos individuos
    turistas trabajadores menores jóvenes campesinos
    """),
    months={"enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
            "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
            # agency datelines abbreviate: "POPAYÁN, 16 may (EFE)"
            "ene": 1, "feb": 2, "mar": 3, "abr": 4, "may": 5, "jun": 6, "jul": 7, "ago": 8, "sep": 9, "sept": 9,
            "oct": 10, "nov": 11, "dic": 12},
    weekdays={"lunes": 0, "martes": 1, "miércoles": 2, "miercoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,
              "sabado": 5, "domingo": 6},
    # "mañana" alone is tomorrow, but "esta mañana" / "la mañana del" is a morning: the dates module reads the
    # word before it.
    relative_days={"hoy": 0, "ayer": -1, "anteayer": -2, "antier": -2, "mañana": 1, "pasado mañana": 2,
                   "esta mañana": 0, "anoche": -1, "esta madrugada": 0, "la víspera": -1},
    triggers={
        "ASSAULT": {
            "suicide-attack": r"suicida|atentado\s+suicida|terrorista\s+suicida",
            "explosives": r"explosión|explosiones|bomba|bombas|coche\s+bomba|artefacto\s+explosivo|mina|minas|"
                          r"explotó|estalló",
            "aerial": r"ataque\s+aéreo|ataques\s+aéreos|bombardeo\s+aéreo|dron|drones|ataque\s+con\s+drones",
            "heavy-weapons": r"misil|misiles|cohetes?|obuses|artillería|bombardeos?|morteros?",
            "firearms": r"tiroteo|tiroteos|balacera|balaceras|disparos|dispararon|disparó|a\s+tiros|baleado|balead[oa]s|"
                        r"abrieron\s+fuego|acribillad[oa]s",
            "abduct": r"secuestro|secuestrad[oa]s?|secuestraron|plagio",
            "clash": r"enfrentamientos?|combates?|choques\s+armados",
            "": r"ataque|ataques|atacó|atacaron|atacad[oa]s?|atentado|atentados|asalto|emboscada|masacre|matanza|"
                r"mató|mataron|asesinó|asesinaron|asesinad[oa]s?|asesinato|apuñalad[oa]|agresión",
        },
        "PROTEST": {
            "riot": r"disturbios|saqueos|vandalismo|desmanes",
            "strike": r"huelga|huelgas|paro\s+nacional",
            "demo": r"manifestación|manifestaciones|manifestantes|protesta|protestas|protestaron|marcha|marchas|"
                    r"marcharon|concentración|plantón|cacerolazo",
        },
        "COERCE": {
            "arrest": r"detenid[oa]s?|detuvo|detuvieron|detención|detenciones|arrestad[oa]s?|arrestó|arrestaron|"
                      r"arresto|arrestos|capturad[oa]s?|capturó|capturaron|aprehendid[oa]s?",
        },
    },
    negations=words("no ni nunca jamás sin"),
    future_re=r"\b(?:convoca[nr]?|planeaban|preparaban|frustrad[oa]|convocaron|llama[nr]?\s+a|prevé|prevén|planea[nr]?|amenaza[nr]?\s+con|va\s+a|van\s+a|"
              r"podría[n]?|tendrá[n]?\s+lugar)\b",
    killed_one_re=r"\bfue\s+(?:asesinad[oa]|abatid[oa]|ultimad[oa])\b|\bmurió\b",
    accident_re=r"\b(?:accidente\w*|accidental\w*|fuga\s+de\s+gas|gasoducto|fábrica|refinería|pirotecni\w*|"
                r"fuegos\s+artificiales|mina\s+de\s+carbón|cortocircuito)\b",
    armed_targets=words("""
    soldados militares ejército tropas policías agentes fuerzas base cuartel puesto patrulla convoy guerrilleros
    rebeldes combatientes milicianos disidencias
    """),
    titles=words("""
    sr. sra. señor señora don doña presidente presidenta ministro ministra jefe jefa portavoz general coronel
    alcalde alcaldesa diputado diputada senador senadora juez jueza doctor doctora dr. expresidente
    """),
    exonyms={"vladímir putin": "Vladimir Putin", "zelenski": "Zelensky", "volodímir zelenski": "Volodymyr Zelensky",
             "serguéi lavrov": "Sergei Lavrov", "netanyahu": "Netanyahu", "benjamín netanyahu": "Benjamin Netanyahu",
             "alexéi navalni": "Alexei Navalny", "navalni": "Navalny", "jamenei": "Khamenei",
             "serguéi shoigú": "Sergei Shoigu", "shoigú": "Shoigu", "dmitri medvédev": "Dmitry Medvedev"},
    country_names={"estados unidos": "US", "ee.uu.": "US", "ee. uu.": "US", "eeuu": "US", "rusia": "RU",
                   "siria": "SY", "irán": "IR", "corea del sur": "KR", "corea del norte": "KP", "reino unido": "GB",
                   "gran bretaña": "GB", "francia": "FR", "alemania": "DE", "méxico": "MX", "perú": "PE",
                   "panamá": "PA", "haití": "HT", "brasil": "BR", "argentina": "AR", "chile": "CL", "cuba": "CU",
                   "república dominicana": "DO", "países bajos": "NL", "ucrania": "UA", "israel": "IL",
                   "cisjordania": "PS", "franja de gaza": "PS", "palestina": "PS", "turquía": "TR", "japón": "JP",
                   "china": "CN", "india": "IN", "pakistán": "PK", "afganistán": "AF", "líbano": "LB",
                   "irak": "IQ", "egipto": "EG", "marruecos": "MA", "argelia": "DZ", "sudáfrica": "ZA",
                   "nigeria": "NG", "malí": "ML", "níger": "NE", "venezuela": "VE", "colombia": "CO",
                   "ecuador": "EC", "bolivia": "BO", "paraguay": "PY", "uruguay": "UY", "honduras": "HN",
                   "guatemala": "GT", "el salvador": "SV", "nicaragua": "NI", "costa rica": "CR", "españa": "ES",
                   "italia": "IT", "polonia": "PL", "bielorrusia": "BY", "yemen": "YE", "sudán": "SD"},
)
