//! Who a document is from, matched to the record's people: an email on its From address (case
//! ignored), anything else on its author's exact name, and never a guess between two people.

use carefile::documents::*;
use carefile::record::{add_person, list_correspondence, NewPerson, Person};
use carefile::vault::Vault;

use super::{a_child, email_with_attachments, import, text_pdf, unlock, write};
use crate::util::*;

fn a_person(vault: &mut Vault, name: &str, email: Option<&str>) -> Person {
    let input =
        NewPerson { name: name.into(), email: email.map(str::to_owned), ..NewPerson::default() };
    add_person(vault, &input).unwrap()
}

#[test]
fn an_email_from_a_known_address_is_linked_to_that_person_and_its_entry() {
    let dir = Dir::new();
    dir.init();
    let (child, jo) = {
        let mut vault = unlock(&dir);
        let child = a_child(&mut vault);
        a_person(&mut vault, "Sam Senco", Some("senco@school.example"));
        // The address is recorded in other capitals than the email uses.
        let jo = a_person(&mut vault, "Jo Caseworker", Some("Jo.Caseworker@Anytown.Example"));
        vault.lock().unwrap();
        (child, jo)
    };
    let pdf = text_pdf(&["Draft EHC plan.".into()]);
    let file = write(&dir, "draft.eml", &email_with_attachments(&pdf));
    let (out, list) = import(&dir, &[file.to_str().unwrap(), "--child", &child]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(list[0]["personId"], jo.id.as_str(), "{list:?}");
    assert!(stdout(&dir.run(PASS, &["doc", "import", file.to_str().unwrap()])).contains(&jo.id));

    let vault = unlock(&dir);
    let email_id = list[0]["id"].as_str().unwrap();
    assert_eq!(get_document(&vault, email_id).unwrap().person_ids, vec![jo.id.clone()]);
    // The attachments are linked to the email, not to the sender: an attached report may be
    // someone else's work.
    let from_jo: Vec<String> = linked_documents(&vault, LinkKind::Person, &jo.id)
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(from_jo, vec![email_id.to_string()]);
    let entries = list_correspondence(&vault, None).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].person_id.as_deref(), Some(jo.id.as_str()));
    let history = document_history(&vault, email_id).unwrap();
    assert!(
        history.iter().any(|h| h.action == "linked"
            && h.detail["kind"] == "person"
            && h.detail["id"] == jo.id.as_str()),
        "the automatic link is audited: {history:?}"
    );
}

#[test]
fn an_author_naming_one_person_is_linked_and_namesakes_or_strangers_are_not() {
    let dir = Dir::new();
    let (mut vault, _) = dir.create();
    let ep = a_person(&mut vault, "Dr A Example", None);
    a_person(&mut vault, "Alex Smith", None);
    a_person(&mut vault, "alex  smith", Some("alex@second.example"));
    let with_author = |author: &str| ImportOptions {
        metadata: DocumentMetadata { author: Some(author.into()), ..DocumentMetadata::default() },
        ..ImportOptions::default()
    };
    let import_text = |vault: &mut Vault, name: &str, author: &str| {
        let bytes = format!("A report by {author} about {name}.").into_bytes();
        import_bytes(vault, name, bytes, &with_author(author)).unwrap()
    };

    let out = import_text(&mut vault, "ep.txt", "  DR A   example ");
    assert_eq!(out.person_id.as_deref(), Some(ep.id.as_str()));
    let d = get_document(&vault, out.id.as_deref().unwrap()).unwrap();
    assert_eq!(d.person_ids, vec![ep.id.clone()]);

    // Two people called Alex Smith: Carefile can't tell which, so it links neither.
    let out = import_text(&mut vault, "alex.txt", "Alex Smith");
    assert_eq!(out.person_id, None);
    assert!(get_document(&vault, out.id.as_deref().unwrap()).unwrap().person_ids.is_empty());
    // Part of a name is not a match.
    let out = import_text(&mut vault, "part.txt", "Dr A Example, educational psychologist");
    assert_eq!(out.person_id, None);
    assert!(linked_documents(&vault, LinkKind::Person, &ep.id).unwrap().len() == 1);

    // Correcting the author afterwards links the person, as an import would.
    let part = out.id.unwrap();
    let change =
        MetadataChange { author: Some("Dr A Example".into()), ..MetadataChange::default() };
    let d = update_metadata(&mut vault, &part, &change).unwrap();
    assert_eq!(d.person_ids, vec![ep.id.clone()]);
    // An ambiguous new author adds nothing, and never takes a link away.
    let change = MetadataChange { author: Some("Alex Smith".into()), ..MetadataChange::default() };
    assert_eq!(
        update_metadata(&mut vault, &part, &change).unwrap().person_ids,
        vec![ep.id.clone()]
    );
}

#[test]
fn an_email_from_an_unknown_address_links_nobody_until_the_person_is_added() {
    let dir = Dir::new();
    dir.init();
    let pdf = text_pdf(&["Minutes.".into()]);
    let file = write(&dir, "draft.eml", &email_with_attachments(&pdf));
    let path = file.to_str().unwrap();
    {
        let mut vault = unlock(&dir);
        // Same name as the sender, another mailbox: not enough to link.
        a_person(&mut vault, "Jo Caseworker", Some("jo@old-council.example"));
        vault.lock().unwrap();
    }
    let (out, list) = import(&dir, &[path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(list[0].get("personId").is_none(), "{list:?}");
    let vault = unlock(&dir);
    assert_eq!(list_correspondence(&vault, None).unwrap()[0].person_id, None);
    let mut vault = vault;
    let jo = a_person(&mut vault, "Jo at Anytown", Some("jo.caseworker@anytown.example"));
    vault.lock().unwrap();

    // Importing the same email again links the person now added.
    let (out, again) = import(&dir, &[path]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(again[0]["status"], "duplicate");
    assert_eq!(again[0]["personId"], jo.id.as_str());
    let vault = unlock(&dir);
    let d = get_document(&vault, list[0]["id"].as_str().unwrap()).unwrap();
    assert_eq!(d.person_ids, vec![jo.id.clone()]);
    // Its log entry, filed the first time, now says who it was from; still one entry.
    let entries = list_correspondence(&vault, None).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].person_id.as_deref(), Some(jo.id.as_str()));
}
