"""Each relation pattern: a sentence that should yield it and one that should not.

The sentences are written for these tests (not taken from the corpus), so
they check that the rules generalise.
"""

from __future__ import annotations

import hashlib

import pytest

from kg.model import Corpus, Document
from kg.nlp.extract import extract
from kg.resolve import resolve


def document(text: str, date: str = "2024-03-01") -> Document:
    return Document(name="test.txt", text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), title="test",
                    date=date)


def facts_of(text: str, date: str = "2024-03-01") -> set[tuple[frozenset, str, frozenset]]:
    """(names of the subject, predicate, names of the object): a name is the entity's name or a mention."""
    resolution = resolve(extract(Corpus((document(text, date),))))
    names = {e.iri: frozenset({e.name, *(m.text for m in e.mentions)}) for e in resolution.entities}
    return {(names[f.subject], f.predicate, names[f.object]) for f in resolution.facts}


def has(facts, subject: str, predicate: str, obj: str) -> bool:
    return any(subject in s and p == predicate and obj in o for s, p, o in facts) or (
        predicate == "cooperatesWith" and any(obj in s and p == predicate and subject in o for s, p, o in facts)
    )


CASES = [
    # (predicate, subject, object, a sentence that states it, a sentence that does not)
    ("holdsPosition", "Maria Lopez", "European Patent Office",
     "Maria Lopez, vice president of the European Patent Office, opened the session.",
     "Maria Lopez met the vice president of the European Patent Office in Munich."),
    ("holdsPosition", "Daniel Okafor", "World Intellectual Property Organization",
     "World Intellectual Property Organization Director General Daniel Okafor welcomed the decision.",
     "Daniel Okafor wrote to the World Intellectual Property Organization about the decision."),
    ("partOf", "Legal Affairs Department", "Ministry of Commerce",
     "The Legal Affairs Department of the Ministry of Commerce drafted the rules.",
     "The Legal Affairs Department and the Ministry of Commerce drafted the rules."),
    ("cooperatesWith", "Japan Patent Office", "European Patent Office",
     "The Japan Patent Office signed a cooperation agreement with the European Patent Office last week.",
     "The Japan Patent Office competed with the European Patent Office for applicants last week."),
    ("cooperatesWith", "China", "Brazil",
     "The two sides celebrated ten years of cooperation between China and Brazil on patents.",
     "China and Brazil each published their own patent statistics."),
    ("partyTo", "Chile", "Patent Cooperation Treaty",
     "Chile joined the Patent Cooperation Treaty in 2009.",
     "Chile studied the Patent Cooperation Treaty in 2009."),
    ("administers", "World Intellectual Property Organization", "Patent Cooperation Treaty",
     "Applicants use the World Intellectual Property Organization's two systems: the Patent Cooperation Treaty "
     "and the Madrid System.",
     "The World Intellectual Property Organization discussed the Patent Cooperation Treaty."),
    ("issuedBy", "National Plan for Innovation", "State Council",
     "In March, the State Council issued the National Plan for Innovation.",
     "In March, the State Council discussed the National Plan for Innovation."),
    ("issuedBy", "Guidelines for Patent Examination", "European Patent Office",
     "The Guidelines for Patent Examination were released by the European Patent Office in March.",
     "The Guidelines for Patent Examination were praised in March by users of the European Patent Office."),
    ("hostedBy", "Global Trade Forum", "Ministry of Commerce",
     "The Ministry of Commerce hosted the Global Trade Forum in Beijing.",
     "The Ministry of Commerce praised the Global Trade Forum in Beijing."),
    ("spokeAt", "Mary Major", "Global Trade Forum",
     "Mary Major said at the Global Trade Forum that patent filings had grown.",
     "Mary Major wrote a book about the Global Trade Forum."),
    ("partyTo", "Gabon", "WIPO Copyright Treaty",
     "Gabon deposited its instrument of accession to the WIPO Copyright Treaty in December.",
     "Gabon studied the WIPO Copyright Treaty in December."),
    ("partyTo", "Honduras", "WIPO Performances and Phonograms Treaty",
     "Honduras became the 30th state to join the WIPO Performances and Phonograms Treaty.",
     "Honduras became the 30th state to discuss the WIPO Performances and Phonograms Treaty."),
    ("partOf", "United States Patent and Trademark Office", "United States Department of Commerce",
     "The United States Patent and Trademark Office, an agency of the U.S. Department of Commerce, issued patents.",
     "The United States Patent and Trademark Office and the U.S. Department of Commerce issued statements."),
    ("issuedBy", "World Intellectual Property Indicators", "World Intellectual Property Organization",
     "The figures come from the World Intellectual Property Organization's latest World Intellectual Property "
     "Indicators report.",
     "The figures come from the World Intellectual Property Indicators and the World Intellectual Property "
     "Organization's staff."),
    ("spokeAt", "Mary Major", "Global Trade Forum",
     "Mary Major addressed the Global Trade Forum in May.",
     "Mary Major said that Anna Berg attended the Global Trade Forum."),
    ("spokeAt", "Mary Major", "Global Trade Forum",
     "Mary Major spoke at the Global Trade Forum on Monday.",
     "Mary Major announced the Global Trade Forum on Monday."),
    ("spokeAt", "Maria Lopez", "Global Innovation Forum",
     "Maria Lopez delivered a keynote speech at the Global Innovation Forum in Madrid.",
     "Maria Lopez read a speech about the Global Innovation Forum in Madrid."),
    ("administers", "Korean Intellectual Property Office", "Joint Search Programme",
     "The Japan Patent Office worked with the Korean Intellectual Property Office to implement the Joint Search "
     "Programme.",
     "The Japan Patent Office worked with the Korean Intellectual Property Office to review the Joint Search "
     "Programme."),
    ("issuedBy", "Measures for Patent Pledges", "Ministry of Finance",
     "The Ministry of Finance formulated and circulated the Measures for Patent Pledges.",
     "The Ministry of Finance studied and circulated the Measures for Patent Pledges."),
    ("spokeAt", "Maria Lopez", "Global Innovation Forum",
     "At the opening ceremony of the Global Innovation Forum, Maria Lopez stressed the role of patents.",
     "After the opening ceremony of the Global Innovation Forum, Maria Lopez went home."),
    ("spokeAt", "Anna Berg", "Global Innovation Forum",
     "Maria Lopez, Daniel Okafor and Anna Berg attended the Global Innovation Forum.",
     "Reporters said that Anna Berg had missed the Global Innovation Forum."),
    ("locatedIn", "Global Trade Forum", "Beijing",
     "The Ministry of Commerce held the Global Trade Forum in Beijing.",
     "In Beijing, the Ministry of Commerce praised the Global Trade Forum."),
    ("administers", "World Intellectual Property Organization", "Madrid Protocol",
     "Brands are registered under the Madrid Protocol, which is administered by the World Intellectual Property "
     "Organization.",
     "Brands are registered under the Madrid Protocol, which is discussed at the World Intellectual Property "
     "Organization."),
    ("partyTo", "Japan Patent Office", "memorandum of understanding",
     "OSAKA, 4 June 2025 - The Japan Patent Office and the Korean Intellectual Property Office signed a "
     "memorandum of understanding on Tuesday.",
     "OSAKA, 4 June 2025 - The Japan Patent Office and the Korean Intellectual Property Office discussed a "
     "memorandum of understanding on Tuesday."),
    ("cooperatesWith", "Korean Intellectual Property Office", "Japan Patent Office",
     "The Japan Patent Office and the Korean Intellectual Property Office signed a cooperation agreement in 2022.",
     "The Japan Patent Office and the Korean Intellectual Property Office each signed the Patent Cooperation "
     "Treaty decades ago."),
    ("administers", "World Intellectual Property Organization", "Patent Cooperation Treaty",
     "Applications filed through WIPO's Patent Cooperation Treaty fell in 2023.",
     "Applications filed through the Patent Cooperation Treaty fell in 2023, WIPO said."),
    ("partOf", "Legal Affairs Department", "China National Intellectual Property Administration",
     "We have invited Ms. Anna Berg, Director General of the Legal Affairs Department of the CNIPA, to brief you.",
     "We have invited Ms. Anna Berg of the Legal Affairs Department and an official of the CNIPA to brief you."),
    ("cooperatesWith", "Japan Patent Office", "World Intellectual Property Organization",
     "The Japan Patent Office will cooperate with the World Intellectual Property Organization on the Madrid System.",
     "The Japan Patent Office will write to the World Intellectual Property Organization about the Madrid System."),
    ("locatedIn", "Geneva", "Switzerland",
     "The meeting took place in Geneva, Switzerland, in March.",
     "Delegates came from Geneva and from Switzerland's other cantons."),
    ("hostedBy", "Quadrilateral Heads of Agency Meeting", "Korean Intellectual Property Office",
     "The Korean Intellectual Property Office hosted the Quadrilateral Heads of Agency Meeting in Seoul.",
     "The Korean Intellectual Property Office reported on the Quadrilateral Heads of Agency Meeting in Seoul."),
    ("partyTo", "Mongolia", "Marrakesh Treaty",
     "The director general welcomed Mongolia's ratification of the Beijing Treaty on Audiovisual Performances "
     "and the Marrakesh Treaty.",
     "The director general welcomed Mongolia's support for the Beijing Treaty on Audiovisual Performances "
     "and the Marrakesh Treaty."),
    ("partyTo", "Mongolia", "Singapore Treaty on the Law of Trademarks",
     "The Singapore Treaty on the Law of Trademarks will enter into force for Mongolia on 3 May 2026.",
     "The Singapore Treaty on the Law of Trademarks entered into force in 2006, and Mongolia is studying it."),
    ("partyTo", "Mongolia", "Singapore Treaty on the Law of Trademarks",
     "Mongolia is the 58th contracting party to the Singapore Treaty on the Law of Trademarks.",
     "Mongolia is the 58th country to study the Singapore Treaty on the Law of Trademarks."),
    ("partOf", "Korean Intellectual Property Office", "Ministry of Trade, Industry and Energy",
     "The Korean Intellectual Property Office is an agency of the Ministry of Trade, Industry and Energy (MOTIE).",
     "The Korean Intellectual Property Office wrote to the Ministry of Trade, Industry and Energy (MOTIE)."),
    ("partOf", "Board of Appeal of the NPI", "Nordic Patent Institute",
     "The Nordic Patent Institute (NPI) said that the Board of Appeal of the NPI had decided 40 cases.",
     "The Nordic Patent Institute (NPI) said that the Board of Appeal had decided 40 cases."),
    ("administers", "Nordic Patent Institute", "Green Patent Fund",
     "The Ministry of Finance launched the Green Patent Fund in 2021. The fund is managed by the Nordic Patent "
     "Institute.",
     "The Ministry of Finance launched the Green Patent Fund in 2021. The fund is praised by the Nordic Patent "
     "Institute."),
    ("partyTo", "Peru", "Madrid Protocol",
     "Peru joined the Patent Cooperation Treaty in 2009 and acceded to the Madrid Protocol in 2019.",
     "Peru joined the Patent Cooperation Treaty in 2009 and referred to the Madrid Protocol in 2019."),
    ("hostedBy", "Regional Design Forum", "Nordic Patent Institute",
     "The Regional Design Forum was co-organized by the Nordic Patent Institute and the Korean Intellectual "
     "Property Office.",
     "The Regional Design Forum was praised by the Nordic Patent Institute and the Korean Intellectual "
     "Property Office."),
]


def test_we_in_a_transcript_is_the_speakers_organisation():
    text = (
        "Speakers:\n"
        "Anna Berg, commissioner of the European Patent Office\n"
        "Anna Berg:\n"
        "Thank you. This year we signed a cooperation agreement with the Japan Patent Office.\n"
    )
    facts = facts_of(text)
    assert has(facts, "Anna Berg", "holdsPosition", "European Patent Office")
    assert has(facts, "European Patent Office", "cooperatesWith", "Japan Patent Office")


def test_title_of_the_administration_resolves_the_descriptor():
    text = ("The Korean Intellectual Property Office published its figures. "
            "Kim Minjun, spokesperson for the office, said filings rose.")
    assert has(facts_of(text), "Kim Minjun", "holdsPosition", "Korean Intellectual Property Office")


def test_a_datelines_city_is_no_party_to_what_is_signed():
    facts = facts_of("OSAKA, 4 June 2025 - The Japan Patent Office and the Korean Intellectual Property Office "
                     "signed a memorandum of understanding on Tuesday.")
    assert has(facts, "Korean Intellectual Property Office", "partyTo", "memorandum of understanding"), facts
    assert not any("OSAKA" in s or "Osaka" in s for s, p, _ in facts if p == "partyTo"), facts


def test_the_next_meeting_is_not_the_one_named_before():
    facts = facts_of("The Korean Intellectual Property Office hosted the Regional Design Forum in Seoul. "
                     "The next forum will be held in Oslo.")
    assert has(facts, "Regional Design Forum", "locatedIn", "Seoul"), facts
    assert not has(facts, "Regional Design Forum", "locatedIn", "Oslo"), facts


def test_a_treaty_named_without_its_qualifier_is_the_treaty():
    facts = facts_of("Chile acceded to the Geneva Act of the Hague Agreement in May. "
                     "The Geneva Act will enter into force for Peru in June.")
    assert has(facts, "Peru", "partyTo", "Geneva Act of the Hague Agreement"), facts


def test_the_two_offices_are_the_two_named_before():
    facts = facts_of("The Korean Intellectual Property Office met the Mexican Institute of Industrial Property in "
                     "Seoul. The two offices agreed to launch the Green Patents Exchange Programme next year.")
    assert has(facts, "Korean Intellectual Property Office", "cooperatesWith", "Mexican Institute of Industrial Property")
    assert has(facts, "Green Patents Exchange Programme", "issuedBy", "Korean Intellectual Property Office")
    assert has(facts, "Green Patents Exchange Programme", "issuedBy", "Mexican Institute of Industrial Property")
    facts = facts_of("The Korean Intellectual Property Office met the Mexican Institute of Industrial Property in "
                     "Seoul. The offices of both cities agreed to launch the Green Patents Exchange Programme.")
    assert not has(facts, "Green Patents Exchange Programme", "issuedBy", "Korean Intellectual Property Office")


def test_an_organisations_own_unit_is_part_of_it_but_its_partner_is_not():
    facts = facts_of("The agreement will be run by the Japan Patent Office's International Policy Division.")
    assert has(facts, "Japan Patent Office's International Policy Division", "partOf", "Japan Patent Office")
    facts = facts_of("The Japan Patent Office's Korean Intellectual Property Office counterpart agreed.")
    assert not any(p == "partOf" for _, p, _ in facts)


def test_a_possessive_title_before_a_name_in_apposition():
    facts = facts_of("The signing was attended by the European Patent Office's Vice-President Legal Affairs, "
                     "Sofia Lindqvist, and others.")
    assert has(facts, "Sofia Lindqvist", "holdsPosition", "European Patent Office")
    assert not any("Legal Affairs" in s for s, p, _ in facts if p == "holdsPosition")
    facts = facts_of("The signing was attended by the European Patent Office's Patent Academy, Sofia Lindqvist "
                     "and others.")
    assert not has(facts, "Sofia Lindqvist", "holdsPosition", "European Patent Office")


ROUND_FIVE = [
    ("hostedBy", "Nordic Forum on Design Rights 2026", "Benelux Office for Intellectual Property",
     "Delegates met on Tuesday for the Nordic Forum on Design Rights 2026, co-organized by the Swedish Patent and "
     "Registration Office (PRV), the European Patent Office (EPO), the Danish Patent and Trademark Office (DKPTO) "
     "and the Benelux Office for Intellectual Property.",
     "Delegates met on Tuesday for the Nordic Forum on Design Rights 2026, co-organized by the Swedish Patent and "
     "Registration Office (PRV), the European Patent Office (EPO), the Danish Patent and Trademark Office (DKPTO), "
     "the Benelux Office for Intellectual Property said."),
    ("spokeAt", "Maria Santos", "Lusophone Forum on Patent Data",
     "The Youth IP Forum ended on Sunday. The Lusophone Forum on Patent Data opened in Lisbon on Monday. "
     "Maria Santos told the forum that data mattered.",
     "The Youth IP Forum ended on Sunday. The Lusophone Forum on Patent Data opened in Lisbon on Monday. "
     "Maria Santos told reporters that data mattered."),
    ("spokeAt", "Maria Santos", "Lusophone Forum on Patent Data",
     "The Lusophone Forum on Patent Data was opened by Maria Santos in Lisbon.",
     "The Lusophone Forum on Patent Data was announced by Maria Santos in Lisbon."),
    ("spokeAt", "Maria Santos", "opening ceremony",
     "The meeting began with an opening ceremony that was addressed by Maria Santos and others.",
     "The meeting began with an opening ceremony that was filmed by Maria Santos and others."),
    ("holdsPosition", "Ines Carvalho", "University of Coimbra",
     "The panel was moderated by Professor Ines Carvalho of the University of Coimbra.",
     "The panel was moderated by Ines Carvalho, who studied at the University of Coimbra."),
    ("holdsPosition", "Lars Eriksen", "Nordea Bank",
     "Nordea Bank's head of patent lending, Mr. Lars Eriksen, spoke next.",
     "Nordea Bank's new patent lending rules, Mr. Lars Eriksen said, are strict."),
    ("partOf", "Patent Board of Lusitania", "Ministry of Economy",
     "The Patent Board of Lusitania, a statutory board under the Ministry of Economy, filed the report.",
     "The Patent Board of Lusitania and the Ministry of Economy filed the report."),
]


def test_the_opening_ceremony_of_a_forum_is_the_forums():
    facts = facts_of("Maria Santos spoke at the opening ceremony of the Lusophone Forum on Patent Data in Lisbon.")
    assert has(facts, "Maria Santos", "spokeAt", "Lusophone Forum on Patent Data")
    assert not any("ceremony" in " ".join(o) for _, p, o in facts if p == "spokeAt")


# Round seven: where organisations and events are, careers, and "she", said in ways the earlier rules missed.
ROUND_SEVEN = [
    ("locatedIn", "Halifax", "Nova Scotia",
     "Halifax, Nova Scotia, May 3, 2025 - The provincial office announced new fees.",
     "Officials from Halifax, Nova Scotia and Ontario met on May 3, 2025."),
    ("locatedIn", "Pan-African Design Office", "Accra",
     "The Pan-African Design Office (PADO), headquartered in Accra, published its annual report.",
     "The Pan-African Design Office (PADO) published its annual report, which was praised in Accra."),
    ("locatedIn", "World Intellectual Property Organization", "Geneva",
     "The instruments were handed over at WIPO's headquarters in Geneva on Monday.",
     "The instruments were handed over to WIPO on Monday, and the delegates then left for Geneva."),
    ("locatedIn", "European Patent Office", "Munich",
     "Before that she spent eight years at the European Patent Office in Munich.",
     "Before that she met officials of the European Patent Office, and then travelled to Munich."),
    ("locatedIn", "Dupont Legal LLP", "Ottawa",
     "He later practised as a patent agent with the Ottawa firm Dupont Legal LLP.",
     "He later moved from Ottawa and practised as a patent agent with Dupont Legal LLP."),
    ("locatedIn", "Nordic Design Summit", "Stockholm",
     "The agreement was signed at the Nordic Design Summit, which was hosted by the Swedish Patent and "
     "Registration Office in Stockholm.",
     "The agreement was signed at the Nordic Design Summit, which was praised by the Swedish Patent and "
     "Registration Office in Stockholm."),
    ("partyTo", "Peru", "Madrid Protocol",
     "Chile and Peru are both parties to the Paris Convention, the Patent Cooperation Treaty and the Madrid "
     "Protocol.",
     "Chile and Peru are both critics of the Paris Convention, the Patent Cooperation Treaty and the Madrid "
     "Protocol."),
    # careers, and "she" when one person has just been named
    ("holdsPosition", "Anna Berg", "Nordic Patent Institute",
     "Anna Berg joined the ministry in 2020. Before that, she worked at a law firm and later as senior examiner "
     "at the Nordic Patent Institute.",
     "Anna Berg and Jonas Lie joined the ministry in 2020. Before that, she worked at a law firm and later as "
     "senior examiner at the Nordic Patent Institute."),
    ("holdsPosition", "Daniel Okafor", "Nordic Patent Institute",
     "Maria Lopez succeeds Daniel Okafor, who served as the Nordic Patent Institute's Chief Executive Officer for "
     "six years.",
     "Maria Lopez succeeds Daniel Okafor, who praised the Nordic Patent Institute's Chief Executive Officer for "
     "six years."),
    ("spokeAt", "Maria Lopez", "Global Innovation Forum",
     "Maria Lopez arrived in Oslo on Monday. She spoke at the Global Innovation Forum on Tuesday.",
     "Maria Lopez and Daniel Okafor arrived in Oslo on Monday. She spoke at the Global Innovation Forum on "
     "Tuesday."),
]


# Round eight: appointments, a surname after an honorific, units named apart from their parent.
ROUND_EIGHT = [
    ("holdsPosition", "Maria Lopez", "Nordic Patent Institute",
     "The ministry announced that Dr Maria Lopez has been appointed Deputy Director General of the Nordic "
     "Patent Institute.",
     "The ministry announced that Dr Maria Lopez has been praised by the Deputy Director General of the Nordic "
     "Patent Institute."),
    ("holdsPosition", "Maria Lopez", "Nordic Patent Institute",
     "Nordic Patent Institute appoints Dr Maria Lopez as Deputy Director General",
     "Nordic Patent Institute thanks Dr Maria Lopez as Deputy Director General leaves"),
    # "Dr Lopez" is Maria Lopez, also where the NER reads the surname alone as an organisation
    ("holdsPosition", "Maria Lopez", "Nordic Patent Institute",
     "Dr Maria Lopez will start in May. Dr Lopez previously served as Director of the Nordic Patent Institute.",
     "Dr Maria Lopez will start in May. Dr Lopez previously met the Director of the Nordic Patent Institute."),
    ("holdsPosition", "Maria Lopez", "Nordic Patent Institute",
     "Dr Maria Lopez joined the ministry in May. Her work was praised. Before that, she served as a senior "
     "examiner at the Nordic Patent Institute.",
     "Dr Maria Lopez and Dr Jonas Lie joined the ministry in May. Her work was praised. Before that, she served "
     "as a senior examiner at the Nordic Patent Institute."),
    ("partOf", "Patents Directorate", "Nordic Patent Institute",
     "She was Director of the Patents Directorate of the Nordic Patent Institute (NPI) until 2024.",
     "She left the Patents Directorate and joined the Nordic Patent Institute (NPI) in 2024."),
    ("partOf", "Standing Committee on the Law of Patents", "World Intellectual Property Organization",
     "She represented Canada at the Standing Committee on the Law of Patents (SCP) of the World Intellectual "
     "Property Organization (WIPO).",
     "She represented Canada at the Standing Committee on the Law of Patents (SCP) and at the World Intellectual "
     "Property Organization (WIPO)."),
    ("partOf", "Nordic Patent Institute", "Ministry of Trade and Industry",
     "The Nordic Patent Institute is the agency within the Ministry of Trade and Industry that grants patents.",
     "The Nordic Patent Institute is the agency that advises the Ministry of Trade and Industry on patents."),
    ("partOf", "Japan Patent Office", "Ministry of Economy, Trade and Industry",
     "The Japan Patent Office (JPO), an external agency of the Ministry of Economy, Trade and Industry (METI), "
     "released its report.",
     "The Japan Patent Office (JPO), an external partner, met the Ministry of Economy, Trade and Industry (METI)."),
    # speakers of an event
    ("spokeAt", "Maria Lopez", "Nordic Design Forum",
     "The plan was presented at the Nordic Design Forum in Oslo. Speakers included Maria Lopez, Director of the "
     "Nordic Patent Institute, and Jonas Lie.",
     "The plan was presented at the Nordic Design Forum in Oslo. Readers included Maria Lopez, Director of the "
     "Nordic Patent Institute, and Jonas Lie."),
    ("spokeAt", "Jonas Lie", "Nordic Design Forum",
     "The Nordic Design Forum opened in Oslo. Other speakers at the forum included Ms. Maria Lopez, Director of the "
     "Nordic Patent Institute, and Jonas Lie, a patent attorney.",
     "The Nordic Design Forum opened in Oslo. Other guests of the ministry included Ms. Maria Lopez, Director of "
     "the Nordic Patent Institute, and Jonas Lie, a patent attorney."),
    ("spokeAt", "Jonas Lie", "Nordic Design Forum",
     "Nordic Patent Institute Director Jonas Lie presented the report at the Nordic Design Forum in Oslo.",
     "The report on Nordic Patent Institute Director Jonas Lie was presented at the Nordic Design Forum in Oslo."),
    # parties to an agreement, or to joint work, cooperate
    ("cooperatesWith", "Nordic Patent Institute", "Baltic Trademark Office",
     "Under the agreement, the Nordic Patent Institute and the Baltic Trademark Office will run joint awareness "
     "campaigns.",
     "Under the agreement, the Nordic Patent Institute will brief the Baltic Trademark Office on its campaigns."),
    ("cooperatesWith", "Nordic Patent Institute", "Baltic Trademark Office",
     "The Nordic Patent Institute (NPI) and the Baltic Trademark Office (BTO) have signed a bilateral cooperation "
     "agreement.",
     "The Nordic Patent Institute (NPI) and the Baltic Trademark Office (BTO) have studied a bilateral cooperation "
     "agreement."),
]

ROUND_NINE = [
    # a treaty's party named in a clause before, with the same subject
    ("partyTo", "Mongolia", "Patent Cooperation Treaty",
     "Mongolia has been a member of WIPO since 1979 and is already party to the Paris Convention and the Patent "
     "Cooperation Treaty (PCT).",
     "Mongolia has been a member of WIPO since 1979 and Peru is already party to the Paris Convention and the "
     "Patent Cooperation Treaty (PCT)."),
    # "administered by" as a participle, and "both of which are administered by"
    ("administers", "World Intellectual Property Organization", "Lisbon System",
     "The Lisbon System, administered by the World Intellectual Property Organization (WIPO), protects "
     "appellations of origin.",
     "The Lisbon System, admired by the World Intellectual Property Organization (WIPO), protects appellations "
     "of origin."),
    ("administers", "World Intellectual Property Organization", "Marrakesh Treaty",
     "Mongolia joined the Beijing Treaty and the Marrakesh Treaty, both of which are administered by the World "
     "Intellectual Property Organization (WIPO).",
     "Mongolia joined the Beijing Treaty and the Marrakesh Treaty, both of which are praised by the World "
     "Intellectual Property Organization (WIPO)."),
    # the Act of a treaty is a treaty, also when the treaty's name goes on after its head
    ("partyTo", "Mongolia", "Geneva Act of the Hague Agreement Concerning the International Registration of "
     "Industrial Designs",
     "Mongolia deposited its instrument of accession to the Geneva Act of the Hague Agreement Concerning the "
     "International Registration of Industrial Designs.",
     "Mongolia deposited its report on the Geneva Act of the Hague Agreement Concerning the International "
     "Registration of Industrial Designs."),
    # a list of treaties with an acronym in brackets inside it
    ("partyTo", "Peru", "Madrid Protocol",
     "Peru and Chile are both parties to the Paris Convention, the Patent Cooperation Treaty (PCT) and the Madrid "
     "Protocol.",
     "Peru and Chile are both parties to the Paris Convention and the Patent Cooperation Treaty (PCT), unlike the "
     "Madrid Protocol."),
    # title and organisation as two items after the name, and an Indian honorific
    ("holdsPosition", "Anil Kapoor", "National Patent Board",
     "Addressing the officers, Shri Anil Kapoor, Joint Secretary, National Patent Board, said the rules had changed.",
     "Addressing the officers, Shri Anil Kapoor, Joint Secretary, and the National Patent Board said the rules had "
     "changed."),
    ("partOf", "Patent Registry", "Ministry of Trade",
     "The Patent Registry functions under the Ministry of Trade.",
     "The Patent Registry functions like the Ministry of Trade."),
    ("partOf", "Department for Patent Policy", "Ministry of Trade",
     "The office functions under the Department for Patent Policy (DPP) in the Ministry of Trade.",
     "The office functions under the Department for Patent Policy (DPP) and talks to the Ministry of Trade."),
    ("cooperatesWith", "Nordic Patent Institute", "University of Oslo",
     "The Patent Mentor Scheme, which is administered by the Nordic Patent Institute in partnership with the "
     "University of Oslo, paid out 3 million euros.",
     "The Patent Mentor Scheme, which is administered by the Nordic Patent Institute in a building near the "
     "University of Oslo, paid out 3 million euros."),
    ("issuedBy", "Patents (Amendment) Rules", "Department for Patent Policy",
     "The Department for Patent Policy notified the Patents (Amendment) Rules in March 2024.",
     "The Department for Patent Policy studied the Patents (Amendment) Rules in March 2024."),
    # a contact line: the unit, its body, the body's city
    ("partOf", "International Policy Division", "Policy Planning Department",
     "The report was published today.\n\nInternational Policy Division, Policy Planning Department, Nordic Patent "
     "Institute",
     "The report was published today.\n\nInternational Policy Division; Policy Planning Department; Nordic Patent "
     "Institute"),
    ("locatedIn", "Nordic Patent Institute", "Oslo",
     "The report was published today.\n\nMedia contact: Nordic Patent Institute, Oslo.",
     "The report was published today.\n\nNordic Patent Institute, Oslo"),
    ("partyTo", "Mongolia", "Beijing Treaty",
     "The Council welcomed the accession of Mongolia to the Beijing Treaty, which took effect in August.",
     "The Council welcomed the delegation of Mongolia to the Beijing Treaty meeting in August."),
    ("partOf", "Nordic Patent Council", "Nordic Patent Institute",
     "The Nordic Patent Institute (NPI) reported in May. The Nordic Patent Council, the Institute's highest "
     "decision-making body, met in June.",
     "The Nordic Patent Institute (NPI) reported in May. The Nordic Patent Council, the Institute's partner, met "
     "in June."),
    ("holdsPosition", "Liisa Virtanen", "Nordic Patent Council",
     "In her closing remarks, Ambassador Liisa Virtanen of Finland, chair of the Nordic Patent Council, praised the "
     "accessions.",
     "In her closing remarks, Ambassador Liisa Virtanen of Finland, a friend of the Nordic Patent Council, praised "
     "the accessions."),
    ("administers", "Nordic Patent Institute", "Patent Open Licensing Program",
     "We will expand the Patent Open Licensing Program, which the Nordic Patent Institute has run since 2023.",
     "We will expand the Patent Open Licensing Program, which the Nordic Patent Institute has studied since 2023."),
    ("spokeAt", "Ana Costa", "Nordic Design Forum",
     "The Nordic Design Forum opened in Oslo on Monday. Ana Costa, a patent attorney, told delegates that fees would fall.",
     "The Nordic Design Forum opened in Oslo on Monday. Ana Costa, a patent attorney, told her family that fees would "
     "fall."),
    # the organisations of the people who signed an agreement cooperate
    ("cooperatesWith", "Nordic Patent Institute", "Baltic Trademark Office",
     "The agreement was signed by Jane Doe, Director General of the Nordic Patent Institute, and John Roe, "
     "President of the Baltic Trademark Office.",
     "The agreement was praised by Jane Doe, Director General of the Nordic Patent Institute, and John Roe, "
     "President of the Baltic Trademark Office."),
    ("cooperatesWith", "Nordic Patent Institute", "Baltic Trademark Office",
     "Nordic Patent Institute Commissioner Jane Doe and Baltic Trademark Office President John Roe signed the "
     "memorandum in Oslo.",
     "Nordic Patent Institute Commissioner Jane Doe and Baltic Trademark Office President John Roe discussed the "
     "memorandum in Oslo."),
    ("cooperatesWith", "Nordic Patent Institute", "Baltic Trademark Office",
     "The Nordic Patent Institute and the Baltic Trademark Office will exchange examiners from 2026.",
     "The Nordic Patent Institute and the Baltic Trademark Office will hire examiners from 2026."),
    # positions said with the organisation's possessive, "its", or the verb
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Jane Doe, the Nordic Patent Institute's Commissioner, welcomed the move.",
     "Jane Doe, the Nordic Patent Institute's guest, welcomed the move."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Jane Doe was appointed as the Nordic Patent Institute's new Commissioner in May.",
     "Jane Doe was praised by the Nordic Patent Institute's new Commissioner in May."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "The Nordic Patent Institute said its chief, Jane Doe, would attend.",
     "The Nordic Patent Institute said its guest, Jane Doe, would attend."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Jane Doe, who heads the Nordic Patent Institute, opened the meeting.",
     "Jane Doe, who visited the Nordic Patent Institute, opened the meeting."),
    ("issuedBy", "Green Patent Plan", "Nordic Patent Institute",
     "Under the Green Patent Plan, launched by the Nordic Patent Institute in 2023, fees fell.",
     "Under the Green Patent Plan, praised by the Nordic Patent Institute in 2023, fees fell."),
    # a unit named for a region, of its parent
    ("partOf", "Division for Asia", "World Intellectual Property Organization",
     "Ana Costa, Director of the Division for Asia of the World Intellectual Property Organization (WIPO), spoke.",
     "Ana Costa, Director of the Division for Asia, thanked the World Intellectual Property Organization (WIPO)."),
    # a list of people each with organisation and title before the name
    ("holdsPosition", "Kenji Mori", "Japan Patent Office",
     "The ceremony was addressed by IPOS Chief Executive Tan Wei Ling, JPO Commissioner Kenji Mori and WIPO Deputy "
     "Director General Ana Costa.",
     "The ceremony was addressed by IPOS Chief Executive Tan Wei Ling, JPO staff, Kenji Mori and WIPO Deputy "
     "Director General Ana Costa."),
    # who opened or addressed an event spoke at it
    ("spokeAt", "Ana Costa", "Nordic Design Forum",
     "The Nordic Design Forum was held in Oslo. Opening the forum on Monday, Ms. Ana Costa, Deputy Minister in the "
     "Ministry of Trade, urged designers to register their rights.",
     "The Nordic Design Forum was held in Oslo. Before the forum on Monday, Ms. Ana Costa, Deputy Minister in the "
     "Ministry of Trade, urged designers to register their rights."),
    ("spokeAt", "Ana Costa", "Nordic Design Forum",
     "Ms. Ana Costa, Chief Examiner of the Nordic Patent Institute, then presented the new framework to the Nordic "
     "Design Forum.",
     "Ms. Ana Costa, Chief Examiner of the Nordic Patent Institute, then sent the new framework to the Nordic "
     "Design Forum."),
    # a numbered act adopted by two bodies
    ("issuedBy", "Regulation (EU) 2024/2822", "Council of the European Union",
     "Applicants may rely on Regulation (EU) 2024/2822, adopted by the European Parliament and the Council of the "
     "European Union in October 2024.",
     "Applicants may rely on Regulation (EU) 2024/2822, discussed by the European Parliament and the Council of "
     "the European Union in October 2024."),
    ("issuedBy", "Regulation (EU) 2024/2822", "European Parliament",
     "Applicants will be able to rely on the rules introduced by Regulation (EU) 2024/2822, adopted by the European "
     "Parliament and the Council of the European Union in October 2024, which modernises the design system.",
     "Applicants will be able to rely on the rules introduced by Regulation (EU) 2024/2822, studied by the European "
     "Parliament and the Council of the European Union in October 2024, which modernises the design system."),
    # "In implementing X, we ...": the main clause's subject implements it
    ("administers", "Nordic Patent Institute", "Regulations on Patent Agencies",
     "In implementing the Regulations on Patent Agencies, the Nordic Patent Institute handled 120 cases.",
     "In reviewing the Regulations on Patent Agencies, the Nordic Patent Institute handled 120 cases."),
]


ROUND_TEN = [
    # a hyphened title ("vice-president") is a title, after the name and before it
    ("holdsPosition", "Jane Doe", "Supreme Court of Norway",
     "Jane Doe, vice-president of the Supreme Court of Norway, said the courts concluded 1,082 cases.",
     "Jane Doe, a critic of the Supreme Court of Norway, said the courts concluded 1,082 cases."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Vice-Chair Jane Doe of the Nordic Patent Institute opened the session.",
     "Visitor Jane Doe of the Nordic Patent Institute opened the session."),
    # a title of an organisation's unit is a title in the unit
    ("holdsPosition", "Jane Doe", "Patent Examination Department",
     "Jane Doe, director of the Nordic Patent Institute's Patent Examination Department, said filings rose.",
     "Jane Doe, a critic of the Nordic Patent Institute's Patent Examination Department, said filings rose."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "The Nordic Patent Institute's new director, Jane Doe, took office on Monday.",
     "The Nordic Patent Institute's new building, Jane Doe said, opened on Monday."),
    # the unit of an organisation named with its possessive, when the whole was read as one name
    ("partOf", "Patent Examination Department", "Nordic Patent Institute",
     "The Nordic Patent Institute's Patent Examination Department examined 500 applications.",
     "The Nordic Patent Institute and the Patent Examination Department examined 500 applications."),
    ("partOf", "Hague Registry", "Brands and Designs Sector",
     "The Hague Registry, which is part of WIPO's Brands and Designs Sector, will process the filings.",
     "The Hague Registry, which is close to WIPO's Brands and Designs Sector, will process the filings."),
    # hosts of an event written with "co-" (the lemmatiser reads "co-hoste")
    ("hostedBy", "Nordic Design Forum", "Nordic Patent Institute",
     "The Nordic Design Forum, co-hosted by the Nordic Patent Institute and the Baltic Trademark Office, drew 500 "
     "participants.",
     "The Nordic Design Forum, co-funded by the Nordic Patent Institute and the Baltic Trademark Office, drew 500 "
     "participants."),
    # who said, announced or presented something at an event spoke at it
    ("spokeAt", "Jane Doe", "Nordic Design Forum",
     "Jane Doe announced new fees at the Nordic Design Forum.",
     "Jane Doe announced the Nordic Design Forum."),
    ("spokeAt", "Jane Doe", "Nordic Design Forum",
     "At the Nordic Design Forum, Jane Doe, Commissioner of the Nordic Patent Institute, announced new fees.",
     "After the Nordic Design Forum, Jane Doe, Commissioner of the Nordic Patent Institute, announced new fees."),
    ("spokeAt", "Jane Doe", "Nordic Design Forum",
     "Jane Doe gave a presentation at the Nordic Design Forum.",
     "Jane Doe gave a party after the Nordic Design Forum."),
    ("spokeAt", "John Roe", "Nordic Design Forum",
     "Panelists at the Nordic Design Forum included Jane Doe and John Roe.",
     "Sponsors of the Nordic Design Forum included Jane Doe and John Roe."),
    ("spokeAt", "Jane Doe", "Nordic Design Forum",
     "Jane Doe was among the speakers at the Nordic Design Forum.",
     "Jane Doe was among the guests at the Nordic Design Forum."),
    # every member of an "including" list after an object that names nothing itself
    ("administers", "World Intellectual Property Organization", "Berne Convention",
     "WIPO administers 26 treaties, including the Paris Convention and the Berne Convention.",
     "WIPO praised 26 treaties, including the Paris Convention and the Berne Convention."),
    # treaty membership said with "member of" and "in force in"
    ("partyTo", "Norway", "Hague System",
     "Norway is a member of the Madrid System and the Hague System.",
     "Norway is a critic of the Madrid System and the Hague System."),
    ("partyTo", "Norway", "Madrid Protocol",
     "The Madrid Protocol entered into force in Norway on 1 May.",
     "The Madrid Protocol was discussed in Norway on 1 May."),
    # what a government approved or a parliament passed, it issued
    ("issuedBy", "National IP Strategy 2030", "Ministry of Trade",
     "The Ministry of Trade approved the National IP Strategy 2030.",
     "The Ministry of Trade criticised the National IP Strategy 2030."),
    ("issuedBy", "Patent Act", "Storting",
     "The Patent Act, passed by the Storting in 2024, takes effect in May.",
     "The Patent Act, debated by the Storting in 2024, takes effect in May."),
    # more ways to say a title: a who-clause before a possessive, taking office, the organisation before the title
    # in an apposition, the verb
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Jane Doe, who has served as the Nordic Patent Institute's commissioner since 2019, opened the forum.",
     "Jane Doe, who has served as the Nordic Patent Institute's guest since 2019, opened the forum."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Jane Doe took office as commissioner of the Nordic Patent Institute in May.",
     "Jane Doe took a photo as guest of the Nordic Patent Institute in May."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Jane Doe, Nordic Patent Institute Commissioner, opened the forum.",
     "Jane Doe, Nordic Patent Institute visitor, opened the forum."),
    ("holdsPosition", "Jane Doe", "Nordic Patent Institute",
     "Jane Doe heads the Nordic Patent Institute.",
     "Jane Doe visits the Nordic Patent Institute."),
    ("cooperatesWith", "Nordic Patent Institute", "Baltic Trademark Office",
     "The agreement was signed between the Nordic Patent Institute and the Baltic Trademark Office in May.",
     "The rivalry grew between the Nordic Patent Institute and the Baltic Trademark Office in May."),
]


# (predicate, subject, object, a sentence that states it, a sentence that does not), every round together
PATTERN_CASES = CASES + ROUND_FIVE + ROUND_SEVEN + ROUND_EIGHT + ROUND_NINE + ROUND_TEN


@pytest.mark.parametrize("predicate, subject, obj, positive, negative", PATTERN_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(PATTERN_CASES)])
def test_pattern_fires_on_the_positive_sentence_only(predicate, subject, obj, positive, negative):
    assert has(facts_of(positive), subject, predicate, obj), facts_of(positive)
    assert not has(facts_of(negative), subject, predicate, obj), facts_of(negative)


@pytest.mark.parametrize("text, subject, predicate, obj", [
    ("The European Patent Office (EPO) did not sign an agreement with the Korean Intellectual Property Office "
     "(KIPO).", "EPO", "cooperatesWith", "KIPO"),
    ("The EUIPO refused to join the Hague Agreement.", "EUIPO", "partyTo", "Hague Agreement"),
    ("Will the World Intellectual Property Organization (WIPO) cooperate with the Japan Patent Office (JPO)?",
     "WIPO", "cooperatesWith", "JPO"),
    ("The EPO met KIPO but did not sign the agreement with the JPO.", "EPO", "cooperatesWith", "JPO"),
])
def test_a_question_or_a_denial_states_no_relation(text, subject, predicate, obj):
    assert not has(facts_of(text), subject, predicate, obj), facts_of(text)


def test_a_title_said_in_a_denial_still_holds_and_a_negated_clause_inside_does_not_deny():
    facts = facts_of("Jane Doe, Commissioner of the Nordic Patent Institute, did not attend the Nordic Design Forum.")
    assert has(facts, "Jane Doe", "holdsPosition", "Nordic Patent Institute")
    assert not has(facts, "Jane Doe", "spokeAt", "Nordic Design Forum")
    assert has(facts_of("The EPO and KIPO signed an agreement that does not cover trademarks."),
               "EPO", "cooperatesWith", "KIPO")
