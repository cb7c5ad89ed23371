"""Benchmark the speech normalizer: sentences per second on one core (target ≥ 2,000).

    python scripts/bench_clean.py [--sentences 20000] [--seed 4]

The corpus is generated from templates of Hindi news sentences with numbers, money, dates,
times, measures, phone numbers, acronyms, codes, addresses and abbreviations, with a fixed
seed, so runs compare. Prints one `name: value` line per figure.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from bulletin.normalize import Normalizer, chunk, split_sentences
from bulletin.normalize.settings import NormalizeSettings

TEMPLATES = (
    "{org} ने {day} {month} {year} को {n} करोड़ रुपये की योजना की घोषणा की.",
    "₹{money} की लागत से {code} प्रणाली खरीदी जाएगी, जिसकी पहली खेप {year} में आएगी।",
    "Sensex {n} अंक यानी {pct}% चढ़कर {big} पर बंद हुआ, जबकि Nifty {dec} प्रतिशत गिरा.",
    "डॉ.एस.{name} ने {time} बजे कहा..यह इस साल की {ordinal} बैठक थी।",
    "{org} का केंद्र {n} किमी दूर है, अधिक जानकारी के लिए {phone} पर संपर्क करें।",
    "अधिक जानकारी www.{site}.gov.in पर या help@{site}.gov.in पर ईमेल से मिलेगी.",
    "मैच में भारत ने {score} से जीत दर्ज की और {range} जून तक अगले मुकाबले होंगे।",
    "प्रो. {name} के अनुसार {date} को तापमान {n}°C तक पहुँच गया – जो रिकॉर्ड है.",
    "{org} और {org2} के बीच 2+2 वार्ता में {n} समझौतों पर हस्ताक्षर हुए.",
    "वित्त वर्ष {fy} में GDP {dec} प्रतिशत रहने का अनुमान है, RBI ने कहा.",
)
ORGS = ("ISRO", "NASA", "CBI", "RBI", "SEBI", "NATO", "AIIMS", "BCCI", "UNESCO", "ONGC")
NAMES = ("जयशंकर", "यशपाल", "शर्मा", "वर्मा", "खन्ना", "मेहता")
MONTHS = ("जनवरी", "फ़रवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "दिसंबर")
CODES = ("S-400", "S400", "AK 203", "T-90", "F-16", "MQ-9", "G20", "INS विक्रांत")
SITES = ("pib", "isro", "mygov", "india", "uidai")
ORDINALS = ("5वीं", "21वीं", "2री", "पहली", "10वीं")


def sentence(rng: random.Random) -> str:
    """One sentence from a random template with random values."""
    n, year = rng.randint(2, 999), rng.randint(2010, 2029)
    minutes = rng.choice(("00", "15", "30", "45", "10"))
    return rng.choice(TEMPLATES).format(
        org=rng.choice(ORGS), org2=rng.choice(ORGS), name=rng.choice(NAMES),
        day=rng.randint(1, 28), month=rng.choice(MONTHS), year=rng.randint(1947, 2030),
        n=n, big=f"{rng.randint(10_000, 99_999):,}", money=f"{rng.randint(1, 9)},{n:03d}",
        pct=rng.randint(1, 99), dec=f"{rng.randint(0, 9)}.{rng.randint(1, 99)}",
        code=rng.choice(CODES), time=f"{rng.randint(1, 12)}:{minutes}",
        ordinal=rng.choice(ORDINALS), phone=f"9{rng.randint(100_000_000, 999_999_999)}",
        site=rng.choice(SITES), score=f"{rng.randint(2, 5)}-{rng.randint(0, 1)}",
        range=f"{rng.randint(1, 10)}-{rng.randint(11, 20)}",
        date=f"{rng.randint(1, 28)}/0{rng.randint(1, 9)}/2024", fy=f"{year}-{year % 100 + 1}",
    )


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(args.seed)
    corpus = [sentence(rng) for _ in range(args.sentences)]

    started = time.perf_counter()
    normalizer = Normalizer.load(NormalizeSettings())
    print(f"load_ms: {(time.perf_counter() - started) * 1000:.1f}")

    started = time.perf_counter()
    results = [normalizer.normalize(s) for s in corpus]
    elapsed = time.perf_counter() - started
    spoken = [r.text for r in results]
    print(f"sentences: {len(corpus)}")
    print(f"residue_tokens: {sum(len(r.residue) for r in results)}")
    print(f"normalize_sentences_per_s: {rate(len(corpus), elapsed)}")
    print(f"normalize_chars_per_s: {rate(sum(map(len, corpus)), elapsed)}")

    paragraph = " ".join(corpus)
    started = time.perf_counter()
    found = split_sentences(paragraph)
    print(f"split_sentences_per_s: {rate(len(found), time.perf_counter() - started)}")

    started = time.perf_counter()
    pieces = chunk(" ".join(spoken), 200)
    print(f"chunk_chars_per_s: {rate(sum(map(len, pieces)), time.perf_counter() - started)}")


if __name__ == "__main__":
    main()
