use chrono::NaiveDate;

use super::papers::{self, Cast};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn cast() -> Cast {
    Cast {
        child_name: "Sam Example".into(),
        first_name: "Sam".into(),
        dob: d(2015, 3, 2),
        local_authority: papers::LA.into(),
        school: papers::SCHOOL.into(),
        caseworker: "Pat Placeholder".into(),
        caseworker_email: "pat@example.invalid".into(),
        senco: "Sam Sample".into(),
        therapist: "Lee Test".into(),
        first_issued: d(2024, 11, 1),
        amended: d(2025, 9, 1),
        review_meeting: d(2025, 6, 20),
        amendment_notice: d(2025, 7, 1),
        objection: d(2025, 7, 10),
        access_request: d(2025, 9, 20),
    }
}

#[test]
fn generated_papers_have_the_lengths_of_the_real_thing() {
    let c = cast();
    assert!((6..=8).contains(&papers::ep_report(&c, d(2023, 9, 1)).pages.len()));
    assert_eq!(papers::salt_report(&c, d(2024, 5, 1)).pages.len(), 4);
    assert!((1..=2).contains(&papers::decision_letter(&c).pages.len()));
    assert!((1..=3).contains(&papers::school_report(&c, d(2025, 7, 18)).pages.len()));
    assert!((1..=3).contains(&papers::review_minutes(&c).pages.len()));
}

#[test]
fn the_email_names_its_sender_and_carries_a_pdf() {
    let email = papers::caseworker_email(&cast(), d(2025, 10, 1)).unwrap();
    let text = String::from_utf8(email.bytes).unwrap();
    assert!(text.contains("From: Pat Placeholder <pat@example.invalid>\r\n"));
    assert!(text.contains("Content-Type: application/pdf"));
    assert!(text.contains("Date: Wed, 01 Oct 2025 09:42:00 +0000"));
}
