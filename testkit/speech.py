"""Real Hindi news sentences and the scripts made of them, for voice tests and benchmarks."""

from __future__ import annotations

from bulletin.models import Script, Sentence, SpeechSegment

SENTENCES = (
    "भारतीय रिज़र्व बैंक ने आज रेपो दर में कोई बदलाव नहीं किया।",
    "महंगाई अब भी चिंता का विषय है, लेकिन विकास दर मज़बूत बनी हुई है।",
    "बैंक की अगली बैठक दो महीने बाद होगी।",
    "विशेषज्ञों का कहना है कि ब्याज दरें कुछ समय तक स्थिर रहेंगी।",
    "शेयर बाज़ार में आज हल्की तेज़ी देखी गई।",
)
MORE_SENTENCES = (  # a longer bulletin for the benchmarks
    "मौसम विभाग ने अगले तीन दिनों में भारी बारिश की चेतावनी दी है।",
    "राजधानी में यातायात व्यवस्था को लेकर नई योजना लागू की गई।",
    "सरकार ने किसानों के लिए नई सहायता राशि की घोषणा की।",
)
ENGLISH = "The central bank kept its key rate unchanged, and markets rose slightly on Friday."


def make_script(paragraphs: list[list[str]], headline: str = SENTENCES[0]) -> Script:
    """A headline segment plus one section whose paragraphs hold the given sentences."""
    body = tuple(tuple(Sentence(written=t, spoken=t) for t in p) for p in paragraphs)
    return Script(
        segments=(
            SpeechSegment("headline", headline, ((Sentence(headline, headline),),)),
            SpeechSegment("section", "", body),
        ),
    )
