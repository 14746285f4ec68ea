"""Quotes: finding quotations (no model needed) and naming who said them (trained model)."""

from __future__ import annotations

from typing import Any

import pytest

from transfer_extract.extractors.quotes import find_pieces

# --- finding: (text, inner texts found, number of warnings) ---------------------------------
FIND_CASES = [
    pytest.param("He said “we will go to the border today” and left.",
                 ["we will go to the border today"], 0, id="curly-double"),
    pytest.param('He said "we will go to the border today" and left.',
                 ["we will go to the border today"], 0, id="straight-double"),
    pytest.param("She replied ‘nobody asked us about it’ at once.",
                 ["nobody asked us about it"], 0, id="curly-single"),
    pytest.param("'No deal was ever signed here,' she told them.",
                 ["No deal was ever signed here,"], 0, id="straight-single"),
    pytest.param("The mayor’s office and the workers’ union met on Friday.", [], 0,
                 id="apostrophes-are-not-quotes"),
    pytest.param("It's the city's plan, isn't it? The '90s are over.", [], 0,
                 id="straight-apostrophes-are-not-quotes"),
    pytest.param("“First part,” he said, “second part of it.”",
                 ["First part,", "second part of it."], 0, id="two-parts-in-a-paragraph"),
    pytest.param("“We saw ‘enough is enough’ on every wall,” she said.",
                 ["We saw ‘enough is enough’ on every wall,"], 0, id="single-nested-in-double"),
    pytest.param('"We saw \'enough is enough\' on every wall," she said.',
                 ["We saw 'enough is enough' on every wall,"], 0, id="straight-nested"),
    pytest.param('"We know that Luis "N", alias "El Gato", ran the cell," the prosecutor said.',
                 ['We know that Luis "N", alias "El Gato", ran the cell,'], 0,
                 id="names-in-the-same-marks-inside-a-quotation"),
    pytest.param("“One paragraph opens here.\n\n“A second one goes on.\n\n“And it ends here.”",
                 ["One paragraph opens here. A second one goes on. And it ends here."], 0,
                 id="multi-paragraph-curly"),
    pytest.param('"One paragraph opens here.\n\n"And it ends here."',
                 ["One paragraph opens here. And it ends here."], 0, id="multi-paragraph-straight"),
    pytest.param("He said “this never closes at all.\n\nThe next paragraph is plain text.", [], 1,
                 id="unclosed-curly-warns"),
    pytest.param("The next paragraph is plain” text with a stray mark.", [], 1,
                 id="stray-closing-warns"),
    pytest.param("“Opened once and “opened again before closing.”",
                 ["opened again before closing."], 1, id="double-open-keeps-the-inner"),
    pytest.param("“" + "word " * 700 + "end.”", [], 1, id="over-long-is-skipped"),
    pytest.param('He said "we never\n\n"Another paragraph," she said.', ["Another paragraph,"], 1,
                 id="open-mid-sentence-does-not-run-on"),
    pytest.param('Ortiz said: "We came for work.\n\n"And we stayed for our children."',
                 ["We came for work. And we stayed for our children."], 0,
                 id="multi-paragraph-after-colon"),
    pytest.param('A "short" word and a "second quoted phrase here" too.',
                 ["short", "second quoted phrase here"], 0, id="two-straight-pairs"),
    pytest.param('He called it "Plan B"—and moved on.', ["Plan B"], 0, id="dash-after-close"),
    pytest.param('Ruiz said the border "will stay closed until the', ["will stay closed until the"], 1,
                 id="text-cut-off-inside-a-quote"),
    pytest.param('Ruiz said the border "will stay closed.\n\nThe next day it opened.', [], 1,
                 id="unclosed-before-the-last-paragraph-is-skipped"),
]


@pytest.mark.parametrize(("text", "inners", "warnings"), FIND_CASES)
def test_find_quotations(text: str, inners: list[str], warnings: int) -> None:
    warn: list[str] = []
    pieces = find_pieces(text, warn)
    assert [p.inner for p in pieces] == inners
    assert len(warn) == warnings, warn
    for p in pieces:  # a quotation the text ends inside has no closing mark
        assert text[p.start] in "“\"‘'" and (text[p.end - 1] in "”\"’'" or p.end == len(text))


# --- who said it: (text, snippet of the quote, speaker, mention, cue, partial) --------------
# Every sentence here is original. None is the "no such quote" expectation.
SPEAKER_CASES = [
    pytest.param('"The border is quiet tonight," Governor Elena Robles said.',
                 "border is quiet", "Elena Robles", "Governor Elena Robles", "say", False,
                 id="name-after-quote"),
    pytest.param('Governor Elena Robles said, "The border is quiet tonight."',
                 "border is quiet", "Elena Robles", "Governor Elena Robles", "say", False,
                 id="name-before-quote"),
    pytest.param('"The border is quiet tonight," said Governor Elena Robles.',
                 "border is quiet", "Elena Robles", "Governor Elena Robles", "say", False,
                 id="inverted-said-name"),
    pytest.param("Mayor Tomás Arriaga spoke first. “We need more patrols on the river,” he added.",
                 "more patrols", "Tomás Arriaga", "he", "add", False, id="pronoun-he-added"),
    pytest.param("Judge Carla Ruiz read the order. “Nobody leaves this room until noon,” she said.",
                 "Nobody leaves", "Carla Ruiz", "she", "say", False, id="pronoun-she-said"),
    pytest.param("Carla Ruiz met Tomás Arriaga on Monday. Her office had asked for it. "
                 "“We will not wait for Washington,” she said.",
                 "not wait", "Carla Ruiz", "she", "say", False, id="pronoun-gender-from-her"),
    pytest.param("Senator Ana Ortiz thanked Luis Vega, and he smiled. Luis Vega left early. "
                 "Senator Ana Ortiz stayed with her staff. “We are staying until it is done,” she "
                 "said.",
                 "staying until", "Ana Ortiz", "she", "say", False, id="pronoun-most-recent-subject"),
    pytest.param("Prosecutor Mark Ellis spoke briefly. He noted that the men "
                 "\"ran the network from inside the prison\" for years.",
                 "ran the network", "Mark Ellis", "He", "note", True, id="he-noted-partial"),
    pytest.param("“It is a decision,” she said, “and it is ours.” Those were the words of the day.",
                 "It is a decision", None, "she", "say", False, id="split-quote-no-antecedent"),
    pytest.param("Minister Rosa Lema answered. “It is a decision we took,” she said, "
                 "“and it is ours alone.”",
                 "and it is ours alone", "Rosa Lema", "she", "say", False, id="split-quote-joined"),
    pytest.param("The Interior Ministry issued a statement on Sunday. "
                 "“The prisoners were moved without incident,” the statement added.",
                 "prisoners were moved", "Interior Ministry", "the statement", "add", False,
                 id="the-statement-to-issuer"),
    pytest.param("The Interior Ministry spoke on Sunday. "
                 "“The prisoners were moved without incident,” the ministry said.",
                 "prisoners were moved", "Interior Ministry", "the ministry", "say", False,
                 id="the-ministry-to-organization"),
    pytest.param("The Justice Department said in a statement that the men would face trial. "
                 "“This is a good day for victims of the cartels,” the statement added.",
                 "good day for victims", "Justice Department", "the statement", "add", False,
                 id="said-in-a-statement-then-the-statement"),
    pytest.param('"If the plan is so good, why is it secret?" Senator Paula Ríos told a radio '
                 "station.",
                 "why is it secret", "Paula Ríos", "Senator Paula Ríos", "tell", False,
                 id="x-told-y-is-x"),
    pytest.param('Paula Ríos told Alberto Gómez, "You should have called me first about this."',
                 "called me first", "Paula Ríos", "Paula Ríos", "tell", False,
                 id="x-told-person-y-is-x"),
    pytest.param("According to Lucía Paz, a lawyer in Tijuana, the case was \"a political show\" "
                 "from the start.",
                 "political show", "Lucía Paz", "Lucía Paz", "according to", True,
                 id="according-to-partial"),
    pytest.param("The deal, according to Lucía Paz, \"was written in a single afternoon by two "
                 "men.\"",
                 "single afternoon", "Lucía Paz", "Lucía Paz", "according to", True,
                 id="according-to-mid-sentence"),
    pytest.param("Senator Paula Ríos spoke to reporters.\n\n"
                 "\"We want the list of names published today,\" Ríos said.\n\n"
                 "\"Families deserve to know who was sent away.\"",
                 "Families deserve", "Paula Ríos", "Ríos", "say", False,
                 id="standalone-paragraph-continues"),
    pytest.param("\"We want the list of names published today,\" Senator Paula Ríos said. "
                 "\"Families deserve to know who was sent away.\"",
                 "Families deserve", "Paula Ríos", "Senator Paula Ríos", "say", False,
                 id="same-paragraph-continues"),
    pytest.param("\"We want the list of names published today,\" Senator Paula Ríos said. "
                 "Governor Elena Robles disagreed: \"Families deserve privacy more than lists.\"",
                 "Families deserve", None, None, None, False,
                 id="no-continuation-past-another-name"),
    pytest.param("\"We want the list of names published today,\" Senator Paula Ríos said. "
                 "Governor Elena Robles was not convinced.\n\n"
                 "\"Families deserve privacy more than lists.\"",
                 "Families deserve", None, None, None, False,
                 id="no-paragraph-continuation-past-another-name"),
    pytest.param("Governor Elena Robles gave a long answer.\n\n"
                 "“We asked for help and we received it.\n\n"
                 "“Now the work begins in every town of the state.”",
                 "work begins", "Elena Robles", "Governor Elena Robles", "answer", False,
                 id="multi-paragraph-after-introduction"),
    pytest.param("Governor Elena Robles said the move was a \"sovereign decision\" for the state.",
                 "sovereign decision", "Elena Robles", "Governor Elena Robles", "say", True,
                 id="short-attributed-is-partial"),
    pytest.param("The plan had a \"sovereign decision\" clause in it.",
                 "sovereign decision", None, None, None, None, id="short-unattributed-dropped"),
    pytest.param("The gang known as \"Los Halcones Negros\" was broken up, police said.",
                 "Halcones", None, None, None, None, id="nickname-is-not-a-quote"),
    pytest.param("Elena Robles said the transfers \"answer to a request from the federal "
                 "government\" and nothing else.",
                 "answer to a request", "Elena Robles", "Elena Robles", "say", True,
                 id="embedded-fragment-partial"),
    pytest.param("Elena Robles said the plan works and it \"answers to a request from the "
                 "federal government.\"",
                 "answers to a request", "Elena Robles", "Elena Robles", "say", True,
                 id="second-clause-partial-keeps-speaker"),
    pytest.param('Attorney General Pam Bondi said the transfer was historic. "These defendants '
                 'will answer for their crimes in our courts."',
                 "answer for their crimes", "Pam Bondi", "Pam Bondi", "say", False,
                 id="speaker-in-the-sentence-before"),
    pytest.param('Attorney General Pam Bondi said the transfer was historic. "These defendants '
                 'will answer for their crimes in our courts.\n\n"Nobody is above the law here."',
                 "Nobody is above", "Pam Bondi", "Pam Bondi", "say", False,
                 id="quote-over-paragraphs-opened-after-a-sentence"),
    pytest.param('The prisoners were flown north at dawn. "Nobody enters after dark without a badge."',
                 "Nobody enters", None, None, None, False, id="sentence-before-does-not-speak"),
    pytest.param('Lawyer Zaira Navas said the releases were overdue. Outside, a mother of two waited '
                 'for hours. "He walked out and I did not recognize him," she said.',
                 "did not recognize", None, "she", "say", False, id="she-after-an-unnamed-mother"),
    pytest.param('Lawyer Zaira Navas said the releases were overdue. Outside, a man waited for hours. '
                 '"We will appeal the ruling next week," she said.',
                 "appeal the ruling", "Zaira Navas", "she", "say", False,
                 id="she-skips-an-unnamed-man"),
    pytest.param('A sign on the wall read "Nobody enters after dark without a badge."',
                 "Nobody enters", None, None, None, False, id="no-speaker-stays-null"),
    pytest.param('"The men were moved at dawn by military plane," a U.S. official said.',
                 "moved at dawn", None, "official", "say", False, id="anonymous-official-null"),
    pytest.param("Luis Vega left the hall. \"This is not over for anyone here,\" they said.",
                 "not over", None, "they", "say", False, id="they-is-unresolved"),
    pytest.param("Secretary Omar Lozano Pardo arrived late. \"We had the information ready,\" "
                 "Lozano Pardo told reporters.",
                 "information ready", "Omar Lozano Pardo", "Lozano Pardo", "tell", False,
                 id="surname-to-full-name"),
    pytest.param("Marta Salas, who runs a shelter, said \"the buses arrive every night now.\"",
                 "buses arrive", "Marta Salas", "Marta Salas", "say", True,
                 id="who-clause-subject"),
    pytest.param("His lawyer, Diego Marín, said outside the court that the charges were "
                 "\"invented by witnesses who want shorter sentences.\"",
                 "invented by witnesses", "Diego Marín", "Diego Marín", "say", True,
                 id="apposition-names-the-speaker"),
    pytest.param("Attorney General Ruth Carver welcomed the group, saying they would "
                 "\"answer for their crimes in our courts.\"",
                 "answer for their crimes", "Ruth Carver", "Attorney General Ruth Carver", "say",
                 True, id="participle-saying"),
    pytest.param("Ruth Carver wrote on social media that the men \"will never again threaten "
                 "American towns.\"",
                 "never again threaten", "Ruth Carver", "Ruth Carver", "write", True,
                 id="wrote-on-social-media"),
    pytest.param("\"We will keep the schools open all week,\" Governor Inés Durán announced.",
                 "schools open", "Inés Durán", "Governor Inés Durán", "announce", False,
                 id="announced"),
    pytest.param("“Can anyone explain why this took a year?” Senator Raúl Nava asked.",
                 "explain why", "Raúl Nava", "Senator Raúl Nava", "ask", False,
                 id="question-then-asked"),
    pytest.param("Inés Durán rejected that view. 'No one should mix up help with orders,' she "
                 "told the audience.",
                 "mix up help", "Inés Durán", "she", "tell", False, id="single-straight-quote"),
    pytest.param("Inés Durán rejected that view. The city, she said, \"keeps its own counsel in "
                 "these matters.\"",
                 "keeps its own counsel", "Inés Durán", "she", "say", True,
                 id="parenthetical-she-said"),
    pytest.param("The ministry spokesperson Julia Campos said: \"Every transfer follows the law "
                 "to the letter.\"",
                 "Every transfer", "Julia Campos", "Julia Campos", "say", False,
                 id="colon-before-quote"),
    pytest.param("Héctor Ibarra, 44, a fisherman, stood at the dock. \"We used to fish here "
                 "every morning,\" Ibarra said, \"but now the boats stay tied up.\"",
                 "boats stay", "Héctor Ibarra", "Ibarra", "say", False,
                 id="split-quote-by-surname"),
    pytest.param("Héctor Ibarra met his sister. \"We used to fish here every morning,\" Ibarra "
                 "said. \"Now the boats stay tied up all day.\"",
                 "boats stay", "Héctor Ibarra", "Ibarra", "say", False,
                 id="second-sentence-same-speaker"),
    pytest.param("Police Chief Rafael Soto and Mayor Gloria Tena met. "
                 "\"We are short of officers on every shift,\" the mayor said.",
                 "short of officers", "Gloria Tena", "the mayor", "say", False,
                 id="role-noun-to-titled-person"),
    pytest.param("The Foreign Ministry of Mexico spoke after the vote. It said the step "
                 "\"strengthens cooperation between both countries.\"",
                 "strengthens cooperation", "Foreign Ministry of Mexico", "It", "say", True,
                 id="it-to-organization"),
    pytest.param("Luis Vega met Ana Ortiz at the port. “We agreed on nothing today,” she said.",
                 "agreed on nothing", "Ana Ortiz", "she", "say", False,
                 id="she-by-first-names"),
    pytest.param("Ana Ortiz spoke to Luis Vega.\n\n\"We leave tomorrow at dawn,\" she said. "
                 "\"The trucks are ready.\"\n\nVega said the ministry agreed. \"All of them "
                 "leave together,\" he said.",
                 "All of them", "Luis Vega", "he", "say", False, id="he-after-new-subject"),
    pytest.param("Governor Elena Robles met Senator Raúl Nava. \"We talked about water for an "
                 "hour,\" she said. He later posted, \"A good meeting with the governor today.\"",
                 "good meeting", "Raúl Nava", "He", "post", False,
                 id="gender-learned-from-earlier-pronoun"),
    pytest.param("Critics say the plan is \"a gift to the cartels and their friends,\" but "
                 "Senator Raúl Nava said it would work.",
                 "gift to the cartels", None, "Critics", "say", True,
                 id="cue-after-but-is-another-clause"),
    pytest.param("Governor Elena Robles said the decision, which analysts described as rushed, "
                 "was \"entirely our own and nobody else's.\"",
                 "entirely our own", "Elena Robles", "Governor Elena Robles", "say", True,
                 id="governing-verb-beats-nearer-verb"),
    pytest.param('Robles vows more river patrols\nGovernor Elena Robles said on Monday that "the '
                 'border is quiet tonight and will stay that way."', "border is quiet",
                 "Elena Robles", "Governor Elena Robles", "say", True, id="headline-then-speaker"),
    pytest.param('Border governor says river is calm\n\nElena Robles, the governor, told reporters: '
                 '"The border is quiet tonight."', "border is quiet", "Elena Robles",
                 "Elena Robles", "tell", False, id="headline-then-speaker-with-appositive"),
    pytest.param("“We did this for Mexico,” Claudia Sheinbaum’s spokesman said.",
                 "for Mexico", None, "spokesman", "say", False,
                 id="possessive-spokesman-is-not-the-owner"),
    pytest.param("A Justice Department filing said the man was “a danger to everyone around him.”",
                 "danger to everyone", "Justice Department", "Justice Department filing", "say", True,
                 id="document-of-an-organization"),
    pytest.param("A letter from a reader said the plan was “a danger to everyone around him.”",
                 "danger to everyone", None, "letter", "say", True,
                 id="document-of-nobody-named"),
    pytest.param("Governor Elena Robles released a statement saying the border was “quiet tonight and"
                 " will stay that way.”", "quiet tonight", "Elena Robles", "Governor Elena Robles", "say",
                 True, id="statement-saying"),
    pytest.param("Senator Raúl Nava issued a statement on Friday — informing voters that “the new bridge"
                 " will open in May.”", "new bridge", "Raúl Nava", "Senator Raúl Nava", "inform", True,
                 id="statement-informing-after-a-dash"),
    pytest.param("President Elena Robles spoke on Monday. “We will not stop until they are all caught,” the"
                 " President said.", "will not stop", "Elena Robles", "the President", "say", False,
                 id="capitalized-role-noun-refers-back"),
    pytest.param("Senator Raúl Nava hailed the extradition as “a great day for justice in this country.”",
                 "great day for justice", "Raúl Nava", "Senator Raúl Nava", "hail", True,
                 id="hailed-as"),
]


def _find(record: dict[str, Any], snippet: str) -> dict[str, Any] | None:
    return next((q for q in record["quotes"] if snippet in q["text"]), None)


@pytest.mark.parametrize(("text", "snippet", "speaker", "mention", "cue", "partial"),
                         SPEAKER_CASES)
def test_speaker(extract_text, text: str, snippet: str, speaker: str | None,
                 mention: str | None, cue: str | None, partial: bool | None) -> None:
    record = extract_text(text)
    quote = _find(record, snippet)
    if partial is None:
        assert quote is None, quote
        return
    assert quote is not None, record["quotes"]
    got_mention = quote["speaker_mention"]["text"] if quote["speaker_mention"] else None
    assert (quote["speaker"], quote["cue"], quote["partial"]) == (speaker, cue, partial)
    if mention is not None:
        assert got_mention is not None and mention in got_mention
    else:
        assert got_mention is None


SPLIT_TEXT = ("Minister Rosa Lema answered. “It is a decision we took,” she said, "
              "“and it is ours alone.”")


def test_split_quote_is_one_quote_with_both_parts(extract_text) -> None:
    record = extract_text(SPLIT_TEXT)
    assert len(record["quotes"]) == 1
    quote = record["quotes"][0]
    assert quote["content"] == "It is a decision we took, and it is ours alone."
    assert [p["text"] for p in quote["parts"]] == ["“It is a decision we took,”",
                                                   "“and it is ours alone.”"]
    assert quote["start"] == quote["parts"][0]["start"]
    assert quote["end"] == quote["parts"][1]["end"]


def test_unbalanced_mark_warns_and_guesses_nothing(extract_text) -> None:
    text = ("Rosa Lema said “this never closes.\n\nA long paragraph of plain reporting follows "
            "here.\n\n\"But this one is fine and long enough,\" she said.")
    record = extract_text(text)
    assert [q["content"] for q in record["quotes"]] == ["But this one is fine and long enough,"]
    assert any("never closed" in w for w in record["warnings"])


def test_quotes_in_boilerplate_are_not_quotes(extract_text) -> None:
    text = ("Sign up for our newsletter: \"the best stories in your inbox every day\"\n\n"
            "\"We will keep going until the job is done,\" Rosa Lema said.")
    record = extract_text(text)
    assert [q["speaker"] for q in record["quotes"]] == ["Rosa Lema"]


PARAGRAPHS = ("Striker Tomas Varga spoke to the club's channel.\n\n"
              "“I want to thank the fans for four wonderful seasons here.\n\n"
              "“When this club calls, it is the chance of a lifetime.\n\n"
              "“I cannot wait to play in front of our own crowd,” he said.")


def test_a_quotation_over_paragraphs_is_one_quote_per_paragraph(extract_text) -> None:
    record = extract_text(PARAGRAPHS)
    assert [q["content"] for q in record["quotes"]] == [
        "I want to thank the fans for four wonderful seasons here.",
        "When this club calls, it is the chance of a lifetime.",
        "I cannot wait to play in front of our own crowd,"]
    assert {q["speaker"] for q in record["quotes"]} == {"Tomas Varga"}
    assert all("\n" not in q["text"] for q in record["quotes"])


@pytest.mark.parametrize(("text", "speaker"), [
    pytest.param("Deputy Commissioner Rosa Lema said all 40 deportees were healthy.\n\n"
                 "'No hope from the government'\n\nFamilies waited outside the airport all day.",
                 None, id="subhead-is-said-by-nobody"),
    pytest.param("Rosa Lema told reporters at the airport on Monday:\n\n"
                 "“Every family will be told where their relatives are, and when they arrive.”",
                 "Rosa Lema", id="quote-after-an-introducing-paragraph"),
])
def test_a_quotation_alone_in_its_paragraph(extract_text, text: str, speaker: str | None) -> None:
    record = extract_text(text)
    assert [q["speaker"] for q in record["quotes"] if len(q["content"].split()) >= 4] == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    pytest.param("Tomas Varga joined the club on Monday.\n\n“When the club and Rafael Ortiz called me,"
                 " I could not say no,” he said.", "Tomas Varga", id="name-inside-the-quote-is-not-he"),
    pytest.param("Tomas Varga joined the club on Monday. Rafael Ortiz welcomed him.\n\n"
                 "“He will make us better every single week,” he said.", "Rafael Ortiz",
                 id="last-name-outside-quotes-is-he"),
])
def test_pronoun_speaker_skips_names_inside_quotations(extract_text, text: str, speaker: str) -> None:
    record = extract_text(text)
    assert [q["speaker"] for q in record["quotes"]] == [speaker]
