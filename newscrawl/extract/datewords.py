"""Words the date patterns look up: month names in many languages, time-zone abbreviations."""

from __future__ import annotations

MONTHS = {
    # English, German, French, Spanish, Italian, Dutch, Portuguese, Nordic, Polish
    "jan": 1, "january": 1, "januar": 1, "janvier": 1, "enero": 1, "gennaio": 1, "januari": 1,
    "janeiro": 1, "jänner": 1, "stycznia": 1,
    "feb": 2, "february": 2, "februar": 2, "février": 2, "fevrier": 2, "febrero": 2,
    "febbraio": 2, "februari": 2, "fevereiro": 2, "lutego": 2,
    "mar": 3, "march": 3, "märz": 3, "maerz": 3, "mars": 3, "marzo": 3, "maart": 3, "março": 3,
    "marts": 3, "marca": 3,
    "apr": 4, "april": 4, "avril": 4, "abril": 4, "aprile": 4, "kwietnia": 4,
    "may": 5, "mai": 5, "mayo": 5, "maggio": 5, "mei": 5, "maio": 5, "maj": 5, "maja": 5,
    "jun": 6, "june": 6, "juni": 6, "juin": 6, "junio": 6, "giugno": 6, "junho": 6, "czerwca": 6,
    "jul": 7, "july": 7, "juli": 7, "juillet": 7, "julio": 7, "luglio": 7, "julho": 7, "lipca": 7,
    "aug": 8, "august": 8, "août": 8, "aout": 8, "agosto": 8, "augustus": 8, "augusti": 8,
    "sierpnia": 8,
    "sep": 9, "sept": 9, "september": 9, "septembre": 9, "septiembre": 9, "setiembre": 9,
    "settembre": 9, "setembro": 9, "września": 9,
    "oct": 10, "october": 10, "oktober": 10, "octobre": 10, "octubre": 10, "ottobre": 10,
    "outubro": 10, "okt": 10, "października": 10,
    "nov": 11, "november": 11, "novembre": 11, "noviembre": 11, "novembro": 11, "listopada": 11,
    "dec": 12, "december": 12, "dezember": 12, "décembre": 12, "decembre": 12, "diciembre": 12,
    "dicembre": 12, "dezembro": 12, "dez": 12, "grudnia": 12,
    # Romanian, Indonesian/Malay, Turkish
    "ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "iunie": 6, "iulie": 7,
    "septembrie": 9, "octombrie": 10, "noiembrie": 11, "decembrie": 12,
    "maret": 3, "agustus": 8, "desember": 12, "ocak": 1, "şubat": 2, "mart": 3, "nisan": 4, "mayıs": 5, "haziran": 6,
    "temmuz": 7, "ağustos": 8, "eylül": 9, "ekim": 10, "kasım": 11, "aralık": 12,
}

# Zone abbreviations dateutil meets in meta values ("Mon, 28 Apr 2023 19:20 CEST").
TZ_NAMES = {"CET": 3600, "CEST": 7200, "MEZ": 3600, "MESZ": 7200, "BST": 3600, "EST": -18000,
             "EDT": -14400, "CST": -21600, "CDT": -18000, "PST": -28800, "PDT": -25200,
             "MST": -25200, "MDT": -21600, "JST": 32400, "KST": 32400, "IST": 19800}
