//! Matching who a document is from to a person in the record, so "everything from the caseworker"
//! can be found. People are read through the record's public functions only.
//!
//! It never guesses: an email matches on its address (ignoring case), anything else on its
//! author's exact name (ignoring case and spacing). Two people who fit equally well mean no link.

use super::EmailInfo;
use crate::error::Result;
use crate::record::{self, Person};
use crate::vault::Vault;

/// Who a document says it is from.
pub(crate) enum Sender<'a> {
    /// An email's sender, as the email parser read its From header (such as
    /// `Jo Caseworker <jo@anytown.example>`): the address, and the display name when there is one.
    Email { address: Option<String>, name: Option<String> },
    /// The author typed or found for any other document.
    Author(&'a str),
}

impl Sender<'_> {
    /// An email sender from a From header value, read by mail-parser.
    pub(crate) fn from_header(value: &str) -> Sender<'static> {
        let (address, name) = super::email::parse_from_header(value);
        Sender::Email { address, name }
    }
}

/// Lower case with single spaces, for comparing names.
pub(crate) fn normalise_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// The one person who fits, or `None` when nobody does or more than one does.
fn only<'a>(mut fits: impl Iterator<Item = &'a Person>) -> Option<&'a Person> {
    let first = fits.next()?;
    fits.next().is_none().then_some(first)
}

/// The person `sender` names, among `people`.
///
/// An email is matched on its address. Only when nobody has that address is its display name
/// tried, and then only against people with no email recorded: someone whose recorded address
/// differs is a different mailbox, and linking them would be a guess.
pub(crate) fn match_person<'a>(people: &'a [Person], sender: &Sender) -> Option<&'a Person> {
    let by_name = |name: &str, candidates: &mut dyn Iterator<Item = &'a Person>| {
        let wanted = normalise_name(name);
        if wanted.is_empty() {
            return None;
        }
        only(candidates.filter(|p| normalise_name(&p.name) == wanted))
    };
    match sender {
        Sender::Email { address, name } => {
            let address = address.as_deref().map(|a| a.trim().to_lowercase())?;
            if address.is_empty() {
                return None;
            }
            let with_address: Vec<&Person> = people
                .iter()
                .filter(|p| p.email.as_deref().is_some_and(|e| e.trim().to_lowercase() == address))
                .collect();
            match with_address.len() {
                1 => Some(with_address[0]),
                0 => by_name(
                    name.as_deref()?,
                    &mut people.iter().filter(|p| {
                        p.email.as_deref().map(str::trim).filter(|e| !e.is_empty()).is_none()
                    }),
                ),
                _ => None,
            }
        }
        Sender::Author(author) => by_name(author, &mut people.iter()),
    }
}

/// Who a document is from: an email's From header, otherwise its author.
pub(crate) fn sender_of<'a>(
    email: Option<&'a EmailInfo>,
    author: Option<&'a str>,
) -> Option<Sender<'a>> {
    match email {
        Some(e) if e.from_address.is_some() || e.from_name.is_some() => {
            Some(Sender::Email { address: e.from_address.clone(), name: e.from_name.clone() })
        }
        // Imported before the parts were kept: the stored header is read again by the parser.
        Some(e) => e.from.as_deref().map(Sender::from_header),
        None => author.map(Sender::Author),
    }
}

/// The id of the person `sender` names in this vault's record, if exactly one does.
pub(crate) fn find_sender(vault: &Vault, sender: Option<Sender>) -> Result<Option<String>> {
    let Some(sender) = sender else { return Ok(None) };
    let people = record::list_people(vault)?;
    Ok(match_person(&people, &sender).map(|p| p.id.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str, name: &str, email: Option<&str>) -> Person {
        Person {
            id: id.into(),
            name: name.into(),
            role: None,
            organisation: None,
            email: email.map(str::to_owned),
            phone: None,
            address: None,
            notes: None,
            created: "2025-01-01T00:00:00Z".into(),
        }
    }

    /// A sender as the email parser reads this From header.
    fn email(header: &str) -> Sender<'static> {
        Sender::from_header(header)
    }

    fn id(people: &[Person], sender: Sender) -> Option<String> {
        match_person(people, &sender).map(|p| p.id.clone())
    }

    #[test]
    fn an_email_address_matches_ignoring_case() {
        let people = [
            person("a", "Jo Caseworker", Some("Jo.Caseworker@Anytown.example")),
            person("b", "Sam Senco", Some("senco@school.example")),
        ];
        let from = email("\"Caseworker, Jo\" <jo.caseworker@anytown.EXAMPLE>");
        assert_eq!(id(&people, from).as_deref(), Some("a"));
        assert_eq!(id(&people, email("SENCO@school.example")).as_deref(), Some("b"));
        assert_eq!(id(&people, email("someone@else.example")), None);
    }

    #[test]
    fn a_shared_address_or_a_shared_name_links_nobody() {
        let shared = [
            person("a", "Jo Caseworker", Some("send@anytown.example")),
            person("b", "Kim Caseworker", Some("send@anytown.example")),
        ];
        assert_eq!(id(&shared, email("SEND team <send@anytown.example>")), None);
        let twins = [person("a", "Alex Smith", None), person("b", "alex  smith", None)];
        assert_eq!(id(&twins, Sender::Author("Alex Smith")), None);
        assert_eq!(id(&twins, email("Alex Smith <alex@x.example>")), None);
    }

    #[test]
    fn an_author_matches_on_the_exact_name_only() {
        let people = [person("a", "Dr A  Example", None), person("b", "Jo Caseworker", None)];
        assert_eq!(id(&people, Sender::Author(" dr a example ")).as_deref(), Some("a"));
        assert_eq!(id(&people, Sender::Author("Dr A Example, EP")), None);
        assert_eq!(id(&people, Sender::Author("Example")), None);
        assert_eq!(id(&people, Sender::Author("   ")), None);
    }

    #[test]
    fn an_email_name_is_tried_only_for_people_with_no_address() {
        let people = [
            person("a", "Jo Caseworker", Some("jo@old-council.example")),
            person("b", "Pat Therapist", None),
        ];
        // Same name, different mailbox: not the same person as far as Carefile can tell.
        assert_eq!(id(&people, email("Jo Caseworker <jo@anytown.example>")), None);
        let from = email("Pat Therapist <pat@nhs.example>");
        assert_eq!(id(&people, from).as_deref(), Some("b"));
        assert_eq!(id(&people, email("not an address")), None);
    }
}
