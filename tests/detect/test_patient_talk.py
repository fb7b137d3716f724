"""A patient's talk about their own prescription (session 20): "Adderall $60 for 30 pills with my copay, the
pharmacy delivers" was an offer at 0.99 (a price, a count and a delivery word). The patient's first-person words
("my copay", "my insurance", "my refill", "prescription filled", "my meds") are `use` cues, in a post that does not
offer its pills (no sale cue, and no price beside a contact, payment or shipping cue, a phone number or a handle, where no
pharmacy is named). A dealer's pitch that names the buyer's copay or
insurance stays an offer, as does a patient selling their own pills. Sentences written
for this test, scanned with the shipped model."""

from __future__ import annotations

import pytest
from verdicts import assert_offer

from narcotrace.detect import Scanner


@pytest.mark.parametrize(
    "text",
    [
        "Adderall $60 for 30 pills with my copay, the pharmacy delivers",
        "got my adderall prescription filled, $35 copay for 60 pills",  # was 0.96
        "Paid $120 for 30 oxycodone at walgreens even with my insurance smh",
        # the third review's: a contact or a number without a price is a complaint
        "Contact my insurance tomorrow about my Vyvanse refill, they keep denying it",
        "Called my insurance, claim number 84736251, still no Vyvanse 40mg refill",
    ],
)
def test_a_patients_own_prescription_is_no_offer(scanner: Scanner, text: str) -> None:
    v = assert_offer(scanner, text, offer=False)
    assert any(e.signal == "intent:use" for e in v.evidence), v.evidence


@pytest.mark.parametrize(
    "text",
    [
        # the buyer's copay or insurance in a dealer's pitch (a reviewer's lines of session 18)
        "Oxy 30s $30 each, cheaper than your copay, text me",
        "Why pay with insurance when you can get percs $15 each, dm",
        # a patient selling their pills
        "selling my adderall prescription, 30 pills $150, dm",
        "got extra from my refill, selling 10 oxy 30s $25 each hmu",
        # a reviewer's: no sale word, but a contact, a payment or a phone number (the patient's words count not)
        "Got extra from my refill, Xanax 2mg bars $5 each, snap me",
        "Extra oxys from my prescription, 30mg $25 each, text 555-201-3344",
        "My insurance pays, you get Adderall 30mg for $8 each, DM",
        "Suboxone 8mg strips extra from my refill $10 each cashapp",
        "Leftover oxycodone 10mg from my script, 20 tabs $300, shipping available",
    ],
)
def test_a_sale_that_names_a_prescription_stays_an_offer(scanner: Scanner, text: str) -> None:
    assert_offer(scanner, text)
