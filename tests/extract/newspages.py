"""An English news article with one piece of a news site's inline furniture between its paragraphs.

Written for the tests: reading aids ("Continue reading the main story",
"Skip Advertisement"), caption labels, pull quotes, related links, gallery
counters, all set between the second and third paragraphs of one story.
"""

from __future__ import annotations

STORY = [
    "The council said on Tuesday that the new bridge over the river would open to traffic next month, after a "
    "final round of safety checks.",
    "Engineers finished the deck in March, two months later than planned, after a wet winter held up work on the "
    "southern piers.",
    "The bridge will carry two lanes of traffic and a separate path for cyclists and walkers, the first such path "
    "across the river.",
    "Residents on both banks have waited more than a decade for the crossing, which replaces a ferry that stopped "
    "running in 2015.",
    "The total cost rose to 48 million pounds, the council said, largely because of higher prices for steel.",
]
HEADLINE = "New bridge over the river to open next month"
INSERTS = {
    "read more": "<p><strong>Read more:</strong> <a href='/a'>Council approves bridge budget</a></p>",
    "related in capitals": "<p>RELATED: <a href='/a'>Ferry service ends after 60 years</a></p>",
    "caption labels": "<figure><img src='b.jpg'><p><span>Image source, </span>Getty Images</p>"
                      "<figcaption><span>Image caption, </span>The deck was finished in March</figcaption></figure>",
    "media caption": "<div><p>Media caption, Watch: the final section of the deck is lifted into place</p></div>",
    "pull quote": "<blockquote class='pullquote'><p>The first such path across the river</p></blockquote>",
    "gallery link": "<p><a href='/g'>Click here to see the gallery of the bridge works.</a></p>",
    "story continues": "<p>Story continues below advertisement</p>",
    "credit alone": "<figure><img src='b.jpg'><figcaption>Getty Images</figcaption></figure>",
    "share buttons": "<div><button>Share this article</button><button>Copy link</button></div>",
    "listen": "<p>Listen to this article</p><p>3 min</p>",
    "gift": "<p>Gift this article</p>",
    "continue reading": "<p>Continue reading the main story</p>",
    "skip ad": "<p>Skip Advertisement</p>",
    "article continues": "<p>Article continues below</p>",
    "gallery counter": "<p>Image 1 of 3</p>",
    "weiterlesen": "<p>Weiterlesen nach der Anzeige</p>",
    "mehr zum thema": "<p><strong>Mehr zum Thema:</strong> <a href='/x'>Fähre stellt Betrieb ein</a></p>",
    "bild credit": "<p>Bild: picture alliance/dpa | Anna Berg</p>",
}


def news_page(insert: str) -> str:
    """Return the story with ``insert`` between its second and third paragraphs."""
    text = "".join(f"<p>{p}</p>" for p in STORY[:2]) + insert + "".join(f"<p>{p}</p>" for p in STORY[2:])
    return (f"<html lang='en'><head><title>{HEADLINE} - Riverside News</title>"
            f"<meta property='og:title' content='{HEADLINE}'></head><body><nav><a href='/'>Home</a> "
            f"<a href='/news'>News</a></nav><article><h1>{HEADLINE}</h1><div class='byline'>By Anna Berg</div>"
            f"<time datetime='2024-03-05T10:20:00Z'>5 March 2024</time><div class='article-body'>{text}</div>"
            "</article><footer><p>About us</p></footer></body></html>")


# The day 5 March 2024 as article headers print it, by language (the page's <html lang>).
DATE_FORMS = {
    "en": ["5th March 2024", "March 5th, 2024", "Tue 5 Mar 2024", "05 Mar 2024 10:20", "Published 5 March 2024",
           "Posted on March 5, 2024 by Anna", "March 5, 2024 | 10:20 AM"],
    "de": ["5. März 2024", "05.03.2024", "Di., 05.03.2024, 10:20 Uhr", "Stand: 05.03.2024 10:20 Uhr",
           "veröffentlicht am 5. März 2024"],
    "fr": ["5 mars 2024", "Publié le 05/03/2024 à 10h20", "mardi 5 mars 2024"],
    "es": ["5 de marzo de 2024", "05/03/2024 10:20", "martes, 5 de marzo de 2024"],
    "it": ["5 marzo 2024", "05/03/2024 - 10:20"],
    "pt": ["5 de março de 2024", "05/03/2024 10h20"],
    "nl": ["5 maart 2024", "di 5 mrt 2024"],
    "pl": ["5 marca 2024", "05.03.2024, 10:20"],
    "sv": ["5 mars 2024", "2024-03-05 10:20"],
    "da": ["5. marts 2024"],
    "cs": ["5. března 2024"],
    "sk": ["5. marca 2024"],
    "tr": ["5 Mart 2024"],
    "ru": ["5 марта 2024", "05.03.2024 10:20"],
    "uk": ["5 березня 2024"],
    "el": ["5 Μαρτίου 2024"],
    "hu": ["2024. március 5."],
    "fi": ["5.3.2024", "5. maaliskuuta 2024"],
    "ro": ["5 martie 2024"],
    "id": ["5 Maret 2024", "Selasa, 05 Mar 2024 10:20 WIB"],
    "ja": ["2024年3月5日", "2024/03/05 10:20"],
    "ko": ["2024.03.05 10:20", "2024년 3월 5일"],
    "vi": ["05/03/2024 10:20", "Thứ ba, 5/3/2024"],
}


def dated_page(lang: str, form: str) -> str:
    """Return a short article in ``lang`` whose header prints only ``form`` (no metadata, no date in the URL)."""
    text = "".join(f"<p>Paragraph {i}: the council said the new bridge over the river would open to traffic "
                   "next month, after safety checks were completed.</p>" for i in range(4))
    return (f"<html lang='{lang}'><head><title>Bridge opens</title></head><body><h1>Bridge opens</h1>"
            f"<div class='meta'>{form}</div><div class='text'>{text}</div></body></html>")


# A header that prints the day it was updated (6 March) before the day it was published (5 March 2024).
UPDATED_FORMS = {
    "ko": ["수정 2024.03.06 08:00 입력 2024.03.05 10:20", "업데이트 2024.03.06 08:00 | 등록 2024.03.05 10:20"],
    "ja": ["更新日：2024年3月6日 公開日：2024年3月5日", "最終更新 2024/03/06 08:00 掲載 2024/03/05 10:20"],
    "zh": ["更新時間：2024/03/06 08:00 發布時間：2024/03/05 10:20"],
    "es": ["Actualizado: 06/03/2024 08:00 Publicado: 05/03/2024 10:20"],
    "fr": ["Mis à jour le 06/03/2024 Publié le 05/03/2024"],
    "pt": ["Atualizado em 06/03/2024 08h00 Publicado em 05/03/2024 10h20"],
    "it": ["Aggiornato il 06/03/2024 Pubblicato il 05/03/2024"],
    "nl": ["Bijgewerkt 06-03-2024 Gepubliceerd 05-03-2024"],
    "pl": ["Aktualizacja: 06.03.2024 Publikacja: 05.03.2024"],
    "ru": ["Обновлено 06.03.2024 Опубликовано 05.03.2024"],
    "tr": ["Güncelleme: 06.03.2024 Yayınlanma: 05.03.2024"],
    "sv": ["Uppdaterad 2024-03-06 Publicerad 2024-03-05"],
    "cs": ["Aktualizováno 6. 3. 2024 Publikováno 5. 3. 2024"],
    "id": ["Diperbarui 06 Mar 2024 Diterbitkan 05 Mar 2024"],
}
