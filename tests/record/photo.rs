//! The child's photo: kept inside the encrypted vault, JPEG and PNG only, at most 5 MB, through the
//! library and through `carefile child photo`.

use carefile::exchange;
use carefile::ErrorCode;

use super::*;

/// Words inside the photo's bytes (a PNG text chunk) that must never appear in a vault file.
const MARKER: &str = "Quokka-Photo-Marker";

fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&[0, 0, 0, 0]);
}

/// A PNG header of `width` × `height` with a text chunk and the start of picture data: enough for
/// Carefile to read its size (it keeps the bytes as given and never decodes the pixels).
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = width.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"tEXt", format!("Comment\0{MARKER}").as_bytes());
    chunk(&mut out, b"IDAT", &[0x78, 0x9C, 0x01, 0x02]);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// A JPEG header: SOI, a frame of `width` × `height`, the start of scan and EOI.
fn jpeg(width: u16, height: u16) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8];
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&[1, 1, 0x11, 0]);
    out.extend_from_slice(&[0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0, 0x12, 0x34, 0xFF, 0xD9]);
    out
}

fn reopen(dir: &Dir, v: Vault) -> Vault {
    v.lock().unwrap();
    vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap()
}

#[test]
fn a_photo_reads_back_byte_for_byte_after_lock_and_unlock_and_is_never_in_plaintext() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Sam Example");
    assert_eq!(child_photo(&v, &c.id).unwrap(), None);
    let bytes = png(320, 240);
    let info = set_child_photo(&mut v, &c.id, &bytes).unwrap();
    assert_eq!((info.format, info.width, info.height), (PhotoFormat::Png, 320, 240));
    assert_eq!(info.bytes as usize, bytes.len());
    assert_eq!(info.child_id, c.id);

    // While open and after locking, no file in the vault folder shows the photo's words.
    for files in [dir.snapshot(), {
        let v2 = reopen(&dir, v);
        v = v2;
        dir.snapshot()
    }] {
        for (name, content) in files {
            assert!(
                !content.windows(MARKER.len()).any(|w| w == MARKER.as_bytes()),
                "{name} contains the photo in plaintext"
            );
        }
    }
    let photo = child_photo(&v, &c.id).unwrap().expect("the photo");
    assert_eq!(photo.data, bytes);
    assert_eq!(photo.info, info);
    assert_eq!(child_photo_info(&v, &c.id).unwrap(), Some(info));
    assert_eq!(photo.info.format.media_type(), "image/png");
    assert_eq!(counts(&v)["child_photos"], 1);
}

#[test]
fn a_new_photo_replaces_the_old_and_removing_it_leaves_none() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let sam = child(&mut v, "Sam Example");
    let robin = child(&mut v, "Robin Example");
    set_child_photo(&mut v, &sam.id, &png(10, 10)).unwrap();
    set_child_photo(&mut v, &robin.id, &png(20, 20)).unwrap();
    let replaced = set_child_photo(&mut v, &sam.id, &jpeg(640, 480)).unwrap();
    assert_eq!((replaced.format, replaced.width, replaced.height), (PhotoFormat::Jpeg, 640, 480));
    assert_eq!(child_photo(&v, &sam.id).unwrap().unwrap().data, jpeg(640, 480));
    assert_eq!(counts(&v)["child_photos"], 2);

    remove_child_photo(&mut v, &sam.id).unwrap();
    let v = reopen(&dir, v);
    assert_eq!(child_photo(&v, &sam.id).unwrap(), None);
    assert_eq!(child_photo(&v, &robin.id).unwrap().unwrap().info.width, 20, "Robin's is kept");
    let mut v = v;
    remove_child_photo(&mut v, &sam.id).expect("removing no photo is not an error");
}

#[test]
fn wrong_type_too_large_or_damaged_is_refused_in_words_and_writes_nothing() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let c = child(&mut v, "Sam Example");
    let kept = png(32, 32);
    set_child_photo(&mut v, &c.id, &kept).unwrap();
    let mut too_big = png(32, 32);
    too_big.resize(MAX_PHOTO_BYTES + 1, 0);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"GIF89a\x01\x00\x01\x00".to_vec(), "isn't a JPEG or PNG photo"),
        (b"%PDF-1.7\n%fictional".to_vec(), "isn't a JPEG or PNG photo"),
        (Vec::new(), "empty"),
        (jpeg(640, 480)[..12].to_vec(), "damaged or incomplete"),
        (too_big, "the largest Carefile keeps is 5 MB"),
    ];
    for (bytes, words) in cases {
        let e = set_child_photo(&mut v, &c.id, &bytes).unwrap_err();
        assert_eq!(e.code(), ErrorCode::InvalidInput, "{e}");
        assert!(e.to_string().contains(words), "{e}");
        assert_eq!(child_photo(&v, &c.id).unwrap().unwrap().data, kept, "the old photo is kept");
    }

    // From a file, too: a large file is refused without reading it all.
    let big = dir.path("holiday.png");
    let mut bytes = png(32, 32);
    bytes.resize(6 * 1024 * 1024, 0);
    std::fs::write(&big, &bytes).unwrap();
    let e = set_child_photo_file(&mut v, &c.id, &big).unwrap_err().to_string();
    assert!(e.contains("That photo is 6.0 MB"), "{e}");
    let e = set_child_photo_file(&mut v, &c.id, &dir.path("missing.jpg")).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Io);
    assert_eq!(child_photo(&v, &c.id).unwrap().unwrap().data, kept);
}

#[test]
fn an_unknown_child_is_not_found_and_nothing_is_written() {
    let dir = Dir::new();
    let (mut v, _) = dir.create();
    let before = counts(&v);
    let e = set_child_photo(&mut v, "ch_nobody", &png(10, 10)).unwrap_err();
    assert_eq!(e.code(), ErrorCode::NotFound);
    assert!(e.to_string().contains("There is no child with the id ch_nobody"), "{e}");
    assert_eq!(child_photo(&v, "ch_nobody").unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(remove_child_photo(&mut v, "ch_nobody").unwrap_err().code(), ErrorCode::NotFound);
    assert_eq!(counts(&v), before);
}

#[test]
fn the_photo_travels_with_the_handover_package() {
    let family_dir = Dir::new();
    let (mut family, _) = family_dir.create();
    let c = child(&mut family, "Sam Example");
    let bytes = jpeg(300, 400);
    set_child_photo(&mut family, &c.id, &bytes).unwrap();
    let package = family_dir.path("for-advocate.carefile-handover");
    let share = Passphrase::new("seven quiet harbours of gravel");
    let request = exchange::HandoverRequest {
        child_id: c.id.clone(),
        documents: None,
        made_by: "Sam's mum".into(),
        delete_after: None,
    };
    exchange::export_handover(
        &family,
        &request,
        &share,
        vault::KdfParams::INSECURE_FOR_TESTS,
        &package,
    )
    .unwrap();

    let advocate_dir = Dir::new();
    let (mut advocate, _) = advocate_dir.create();
    exchange::import_handover(&mut advocate, &package, &share).unwrap();
    assert_eq!(child_photo(&advocate, &c.id).unwrap().expect("the photo").data, bytes);
}

#[test]
fn cli_sets_shows_and_removes_a_photo() {
    let dir = Dir::new();
    dir.init();
    let added = json(
        &dir.run(PASS, &["child", "add", "--name", "Sam Example", "--dob", "2016-03-04", "--json"]),
    );
    let id = added["id"].as_str().expect("id").to_string();
    let shown = stdout(&dir.run(PASS, &["child", "show", &id]));
    assert!(shown.contains("Photo:      none"), "{shown}");

    let file = dir.path("sam.jpg");
    std::fs::write(&file, jpeg(640, 480)).unwrap();
    let set = json(&dir.run(PASS, &["child", "photo", &id, file.to_str().unwrap(), "--json"]));
    assert_eq!(
        set,
        serde_json::json!({
            "child": id, "format": "jpeg", "width": 640, "height": 480,
            "bytes": jpeg(640, 480).len(),
        })
    );
    let shown = stdout(&dir.run(PASS, &["child", "show", &id]));
    assert!(shown.contains("Photo:      JPEG, 640 × 480 pixels, 1 KB"), "{shown}");
    let shown = json(&dir.run(PASS, &["child", "show", &id, "--json"]));
    assert_eq!(shown["photo"]["width"], 640);

    let human = dir.run(PASS, &["child", "photo", &id, file.to_str().unwrap()]);
    assert!(stdout(&human).contains("Saved the photo of Sam Example"), "{}", stdout(&human));

    let removed = json(&dir.run(PASS, &["child", "photo", &id, "--remove", "--json"]));
    assert_eq!(removed, serde_json::json!({ "removed": id }));
    let shown = json(&dir.run(PASS, &["child", "show", &id, "--json"]));
    assert!(shown["photo"].is_null(), "{shown}");

    // Refusals are one clear line with a stable code, and write nothing.
    let text = dir.path("notes.txt");
    std::fs::write(&text, "Not a photo").unwrap();
    for (args, code) in [
        (vec!["child", "photo", id.as_str(), text.to_str().unwrap()], "invalid_input"),
        (vec!["child", "photo", "ch_nobody", file.to_str().unwrap()], "not_found"),
        (vec!["child", "photo", "ch_nobody", "--remove"], "not_found"),
    ] {
        let mut args = args;
        args.push("--json");
        let out = dir.run(PASS, &args);
        assert_one_clear_line(&out);
        assert_eq!(error_code(&out), code, "{args:?}");
    }
    let out = dir.run(PASS, &["child", "photo", &id, file.to_str().unwrap(), "--remove"]);
    assert!(!out.status.success(), "a file and --remove together is refused");
    let v = vault::unlock(&dir.vault(), &Passphrase::new(PASS)).unwrap();
    assert_eq!(child_photo(&v, &id).unwrap(), None);
}
