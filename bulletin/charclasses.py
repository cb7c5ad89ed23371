"""The writing systems of Hindi news copy (Devanagari, Latin, two sets of digits), in one place.

Every regex that asks "is this a Devanagari letter?", "a digit?", "a danda?" (the normalizer's
rules, the slug maker) builds it from these fragments, so all of them draw the same borders.
The `*_CHARS` strings go inside a character class (`f"[{LATIN_CHARS}{DIGIT_CHARS}]"`); the
upper-case names without `_CHARS` are whole classes.

    DEVANAGARI_LETTER  letters, vowel signs, nukta, virama, ॐ (not digits, dandas or ॰)
    DIGIT              0-9 and ०-९, which are the same numbers everywhere
    LETTER             a Latin or Devanagari letter: `(?!{LETTER})` ends a word
"""

ASCII_DIGIT_CHARS = "0-9"
DEVANAGARI_DIGIT_CHARS = "०-९"  # U+0966–U+096F
DIGIT_CHARS = ASCII_DIGIT_CHARS + DEVANAGARI_DIGIT_CHARS
LATIN_CHARS = "A-Za-z"
LATIN_ACCENTED_CHARS = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"  # é, ñ … (not × ÷)
# Letters, vowel signs, candrabindu/anusvara/visarga, nukta, virama, ॐ and the additional
# letters after ॰; not the dandas (U+0964–5), the digits or the abbreviation sign ॰ (U+0970).
DEVANAGARI_LETTER_CHARS = "\u0900-\u0963\u0971-\u097f"
DEVANAGARI_BLOCK_CHARS = "\u0900-\u097f"  # the whole Unicode block: what a Hindi text may hold
VOWEL_CHARS = "\u0905-\u0914\u0960\u0961"  # independent vowels अ … औ, ॠ ॡ
VOWEL_SIGN_CHARS = "\u093e-\u094c"  # the vowel signs ा … ौ
CONSONANT_CHARS = "\u0915-\u0939\u0958-\u095f"  # क … ह and the precomposed nukta letters
NUKTA = "\u093c"
VIRAMA = "\u094d"
VOWEL_SIGN_CHARS = "\u093e-\u094c\u0962\u0963"  # ा … ौ, ॢ ॣ (not the virama)
NASAL_SIGN_CHARS = "\u0900-\u0903"  # ऀ ँ ं ः
UNREAD_DOT = "\u2024"  # ․ ONE DOT LEADER: the dot of an abbreviation no rule could read
DANDA = "\u0964"
DANDA_CHARS = "\u0964\u0965"  # । ॥
ABBREVIATION_SIGN = "\u0970"  # ॰
PAUSE_CHARS = DANDA + ",?!"  # the marks speech text keeps

DIGIT = f"[{DIGIT_CHARS}]"
DEVANAGARI_LETTER = f"[{DEVANAGARI_LETTER_CHARS}]"
LETTER = f"[{LATIN_CHARS}{DEVANAGARI_LETTER_CHARS}]"
WORD_START = f"[{VOWEL_CHARS}{CONSONANT_CHARS}]"  # a Devanagari word (a name) begins here
