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
