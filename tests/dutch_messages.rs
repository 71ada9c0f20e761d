//! Dutch messages: with `--lang nl` every mistake an editor is likely to make is explained in Dutch, with
//! the file and line, and no English wording leaks through.

mod common;
use common::TestSite;

/// The block of output for one diagnostic: from its `fout:` line up to the next blank line.
fn block<'a>(out: &'a str, location: &str) -> &'a str {
    let at = out
        .find(&format!("--> {location}"))
        .unwrap_or_else(|| panic!("no message for {location}:\n{out}"));
    let start = out[..at].rfind("fout:").expect("a fout: line");
    let end = out[at..].find("\n\n").map_or(out.len(), |e| at + e);
    &out[start..end]
}

fn assert_dutch(out: &str, location: &str, phrase: &str, english: &str) {
    let b = block(out, location);
    assert!(b.starts_with("fout: "), "{b}");
    assert!(b.contains("wat te doen:"), "no Dutch help in:\n{b}");
    assert!(b.contains(phrase), "missing `{phrase}` in:\n{b}");
    assert!(
        !b.contains(english),
        "English `{english}` leaked into:\n{b}"
    );
    assert!(!b.contains("error:") && !b.contains("help:"), "{b}");
}

#[test]
fn build_mistakes_are_explained_in_dutch() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/veld.md",
        "---\ntitle: Veld\ndate: 2025-03-01\nstatuss: lopend\n---\nTekst.\n",
    )
    .write(
        "content/projecten/status.md",
        "---\ntitle: Status\nstatus: lopnd\n---\nTekst.\n",
    )
    .write(
        "content/nieuws/thema.md",
        "---\ntitle: Thema\ndate: 2025-03-01\nthemes: [werkdrukk]\n---\nTekst.\n",
    )
    .write(
        "content/nieuws/datum.md",
        "---\ntitle: Datum\ndate: 2025-02-30\n---\nTekst.\n",
    )
    .write(
        "content/nieuws/link.md",
        "---\ntitle: Link\ndate: 2025-03-01\n---\nZie [dit project](@/projecten/bestaatniet.md).\n",
    )
    .write(
        "content/nieuws/alleen.en.md",
        "---\ntitle: Only English\ndate: 2025-03-01\n---\nText.\n",
    )
    .write(
        "content/nieuws/titel.md",
        "---\ndescription: Geen titel\ndate: 2025-03-01\n---\nTekst.\n",
    )
    .write(
        "content/nieuws/open.md",
        "---\ntitle: Open\ndate: 2025-03-01\nTekst.\n",
    )
    .write(
        "content/nieuws/code.md",
        "---\ntitle: Code\ndate: 2025-03-01\n---\nTekst {{< quote source=Een >}}.\n",
    )
    .write(
        "content/nieuws/janee.md",
        "---\ntitle: Ja nee\ndate: 2025-03-01\ndraft: misschien\n---\nTekst.\n",
    );
    let out = s.kennis(&["build", "--lang", "nl"]);
    assert!(!out.status.success());
    let err = common::stderr(&out) + &String::from_utf8_lossy(&out.stdout);

    assert_dutch(
        &err,
        "content/nieuws/veld.md:4",
        "het veld `statuss` bestaat niet",
        "unknown field",
    );
    assert!(block(&err, "content/nieuws/veld.md:4").contains("bedoel je `status`?"));
    assert_dutch(
        &err,
        "content/projecten/status.md:3",
        "`lopnd` is geen geldige waarde voor het veld `status`",
        "is not a valid",
    );
    assert!(block(&err, "content/projecten/status.md:3").contains("bedoel je `lopend`?"));
    assert_dutch(
        &err,
        "content/nieuws/thema.md:4",
        "`werkdrukk` in `themes` is geen bestaand thema",
        "is not a known",
    );
    assert_dutch(
        &err,
        "content/nieuws/datum.md:3",
        "de datum `2025-02-30` bestaat niet",
        "YAML cannot be read",
    );
    assert_dutch(
        &err,
        "content/nieuws/link.md:5",
        "de link `@/projecten/bestaatniet.md` leidt nergens heen: er is geen pagina",
        "leads nowhere",
    );
    assert_dutch(
        &err,
        "content/nieuws/alleen.en.md",
        "het Nederlandse origineel van deze Engelse pagina ontbreekt",
        "no Dutch original",
    );
    assert!(block(&err, "content/nieuws/alleen.en.md").contains("`standalone: true`"));
    assert_dutch(
        &err,
        "content/nieuws/titel.md:1",
        "de pagina heeft geen titel",
        "has no title",
    );
    assert!(block(&err, "content/nieuws/titel.md:1").contains("`title: ...`"));
    assert_dutch(
        &err,
        "content/nieuws/open.md:1",
        "de kop (front matter) van deze pagina wordt niet afgesloten",
        "is not closed",
    );
    assert_dutch(
        &err,
        "content/nieuws/code.md:5",
        "de waarde van `source` moet tussen dubbele aanhalingstekens staan",
        "cannot be read",
    );
    assert_dutch(
        &err,
        "content/nieuws/janee.md:4",
        "hier hoort `true` of `false` te staan",
        "expected a boolean",
    );
    assert!(err.contains("Bouwen mislukt"), "{err}");
}

#[test]
fn unknown_field_is_dutch_but_english_without_lang_nl() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/veld.md",
        "---\ntitle: Veld\ndate: 2025-03-01\ntitel: x\n---\nTekst.\n",
    );
    let nl = common::stderr(&s.kennis(&["build", "--lang", "nl"]));
    assert!(nl.contains("het veld `titel` bestaat niet"), "{nl}");
    let en = common::stderr(&s.build(&[]));
    assert!(en.contains("error: unknown field `titel`"), "{en}");
    assert!(en.contains("help: did you mean `title`?"), "{en}");
}

#[test]
fn check_reports_broken_html_links_in_dutch() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/kapot.md",
        "---\ntitle: Kapot\ndate: 2025-03-01\n---\nLees [de oude pagina](/bestaat-niet/).\n",
    );
    let out = s.kennis(&["check", "--lang", "nl"]);
    assert!(!out.status.success());
    let text = common::stderr(&out) + &String::from_utf8_lossy(&out.stdout);
    assert_dutch(
        &text,
        "content/nieuws/kapot.md:5",
        "een link leidt nergens heen: /bestaat-niet/",
        "leads nowhere",
    );
}

/// Dates, event times and periods that do not fit are told by their typed error, with the help for that
/// mistake, in Dutch; never as "the YAML cannot be read" (which is what a reworded message used to become
/// when the YAML reader recognised these errors by their English).
#[test]
fn bad_dates_times_and_periods_get_their_own_help_in_dutch() {
    let s = TestSite::basic();
    s.write(
        "content/nieuws/omgekeerd.md",
        "---\ntitle: Omgekeerd\ndate: 23-11-2025\n---\nTekst.\n",
    )
    .write(
        "content/nieuws/dertien.md",
        "---\ntitle: Dertien\ndate: 2025-13\n---\nTekst.\n",
    )
    .write(
        "content/evenementen/middag.md",
        "---\ntitle: Middag\nstart: 2025-06 14:00\n---\nTekst.\n",
    )
    .write(
        "content/projecten/leeg.md",
        "---\ntitle: Leeg\nperiod: {}\n---\nTekst.\n",
    );
    let out = s.kennis(&["build", "--lang", "nl"]);
    assert!(!out.status.success());
    let err = common::stderr(&out) + &String::from_utf8_lossy(&out.stdout);
    assert_dutch(
        &err,
        "content/nieuws/omgekeerd.md:3",
        "zet het jaar vooraan, als JJJJ-MM-DD (jaar-maand-dag): `2025-11-23`",
        "YAML",
    );
    assert_dutch(
        &err,
        "content/nieuws/dertien.md:3",
        "de datum `2025-13` bestaat niet: er is geen maand 13",
        "YAML",
    );
    assert_dutch(
        &err,
        "content/evenementen/middag.md:3",
        "zet een tijd achter een hele datum, als uren:minuten",
        "YAML",
    );
    assert_dutch(
        &err,
        "content/projecten/leeg.md:3",
        "bij `period` ontbreekt een begin of einde",
        "YAML",
    );
    assert!(!err.contains("kan niet gelezen worden"), "{err}");
}
