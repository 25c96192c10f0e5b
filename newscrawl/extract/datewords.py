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
    # Dutch abbreviation; Czech, Slovak, Russian, Ukrainian and Greek in the genitive a date uses ("5. března",
    # "5 марта", "5 Μαρτίου"); Hungarian ("2024. március 5."); Finnish ("5. maaliskuuta")
    "mrt": 3,
    "ledna": 1, "února": 2, "března": 3, "dubna": 4, "května": 5, "června": 6, "července": 7, "srpna": 8,
    "září": 9, "října": 10, "listopadu": 11, "prosince": 12,
    "januára": 1, "februára": 2, "apríla": 4, "mája": 5, "júna": 6, "júla": 7, "augusta": 8, "septembra": 9,
    "októbra": 10, "novembra": 11, "decembra": 12,
    "января": 1, "февраля": 2, "марта": 3, "апреля": 4, "мая": 5, "июня": 6, "июля": 7, "августа": 8,
    "сентября": 9, "октября": 10, "ноября": 11, "декабря": 12,
    "січня": 1, "лютого": 2, "березня": 3, "квітня": 4, "травня": 5, "червня": 6, "липня": 7, "серпня": 8,
    "вересня": 9, "жовтня": 10, "листопада": 11, "грудня": 12,
    "ιανουαρίου": 1, "φεβρουαρίου": 2, "μαρτίου": 3, "απριλίου": 4, "μαΐου": 5, "ιουνίου": 6, "ιουλίου": 7,
    "αυγούστου": 8, "σεπτεμβρίου": 9, "οκτωβρίου": 10, "νοεμβρίου": 11, "δεκεμβρίου": 12,
    "január": 1, "február": 2, "március": 3, "április": 4, "május": 5, "június": 6, "július": 7,
    "augusztus": 8, "szeptember": 9, "október": 10,
    "tammikuuta": 1, "helmikuuta": 2, "maaliskuuta": 3, "huhtikuuta": 4, "toukokuuta": 5, "kesäkuuta": 6,
    "heinäkuuta": 7, "elokuuta": 8, "syyskuuta": 9, "lokakuuta": 10, "marraskuuta": 11, "joulukuuta": 12,
}

# Zone abbreviations dateutil meets in meta values ("Mon, 28 Apr 2023 19:20 CEST").
TZ_NAMES = {"CET": 3600, "CEST": 7200, "MEZ": 3600, "MESZ": 7200, "BST": 3600, "EST": -18000,
             "EDT": -14400, "CST": -21600, "CDT": -18000, "PST": -28800, "PDT": -25200,
             "MST": -25200, "MDT": -21600, "JST": 32400, "KST": 32400, "IST": 19800}
