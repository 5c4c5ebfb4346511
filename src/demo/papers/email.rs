//! The caseworker's email as an `.eml` file, with the therapy timetable attached (`caseworker_email`).

use base64::Engine;
use chrono::NaiveDate;

use crate::error::Result;
use crate::pdf::{save_pdf, TextStyle};

use super::{date, fictional_notice, letterhead, new_layout, paras, rows, Cast, Email, NHS};

/// The one-page therapy timetable attached to the caseworker's email.
fn timetable(c: &Cast, sent: NaiveDate) -> Result<Vec<u8>> {
    let n = c.first_name.as_str();
    let mut l = new_layout("Therapy timetable");
    letterhead(&mut l, NHS, &["Children's Speech and Language Therapy Service"]);
    l.paragraph(&format!("Speech and language therapy: {}", c.child_name), &TextStyle::heading());
    fictional_notice(&mut l);
    paras(
        &mut l,
        &[&format!("Sessions for {n} next half term, at {}, 30 minutes each, 1:1.", c.school)],
    );
    let weeks: Vec<(String, String)> = (1..=6u64)
        .map(|w| {
            let day = sent + chrono::Days::new(7 * w);
            (
                format!("Week {w}"),
                format!("Tuesday {}, 10:15 to 10:45, with {}", date(day), c.therapist),
            )
        })
        .collect();
    rows(&mut l, &weeks);
    paras(
        &mut l,
        &["If a session cannot go ahead, the service will offer another date in the same week."],
    );
    save_pdf("Speech and language therapy timetable", l.finish())
}

/// The caseworker's email, with the timetable attached, as an `.eml` file.
pub(in super::super) fn caseworker_email(c: &Cast, sent: NaiveDate) -> Result<Email> {
    let n = c.first_name.as_str();
    let attachment = timetable(c, sent)?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(attachment);
    let wrapped: Vec<&str> = encoded
        .as_bytes()
        .chunks(76)
        .map(|chunk| std::str::from_utf8(chunk).unwrap_or_default())
        .collect();
    let stamp =
        sent.and_hms_opt(9, 42, 0).unwrap_or_default().format("%a, %d %b %Y %H:%M:%S +0000");
    let text = format!(
        "From: {caseworker} <{email}>\r\n\
         To: Example family <family@example.invalid>\r\n\
         Subject: {name}: speech and language therapy next half term\r\n\
         Date: {stamp}\r\n\
         Message-ID: <demo-therapy-{id}@example.invalid>\r\n\
         MIME-Version: 1.0\r\n\
         Content-Type: multipart/mixed; boundary=\"carefile-demo\"\r\n\
         \r\n\
         --carefile-demo\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\
         \r\n\
         Dear Mr and Ms Example,\r\n\
         \r\n\
         Please find attached the speech and language therapy timetable for {n} for next half\r\n\
         term, which the therapy service sent to us today. Sessions are 30 minutes a week, 1:1,\r\n\
         as set out in Section F of the amended plan.\r\n\
         \r\n\
         I have also passed your subject access request of {access} to our information\r\n\
         governance team. I am sorry that you have not had a reply yet.\r\n\
         \r\n\
         Kind regards,\r\n\
         {caseworker}\r\n\
         SEN caseworker, {la}\r\n\
         \r\n\
         (A fictional email made by Carefile's demo.)\r\n\
         \r\n\
         --carefile-demo\r\n\
         Content-Type: application/pdf; name=\"Therapy timetable (fictional).pdf\"\r\n\
         Content-Disposition: attachment; filename=\"Therapy timetable (fictional).pdf\"\r\n\
         Content-Transfer-Encoding: base64\r\n\
         \r\n\
         {attachment}\r\n\
         --carefile-demo--\r\n",
        caseworker = c.caseworker,
        email = c.caseworker_email,
        name = c.child_name,
        id = sent.format("%Y%m%d"),
        access = date(c.access_request),
        la = c.local_authority,
        attachment = wrapped.join("\r\n"),
    );
    Ok(Email {
        file_name: "Therapy next half term (fictional).eml".into(),
        bytes: text.into_bytes(),
    })
}
