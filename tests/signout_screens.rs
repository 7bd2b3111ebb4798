//! Component tests of issue 16 §2's screens: "Opnieuw aanmelden" past the
//! no-sync limit names the unsent entries and shows no case; the case
//! list's "Afmelden" asks once, naming what is sent first.

#[path = "../crates/device/tests/common/mod.rs"]
mod common;

use std::any::Any;
use std::rc::Rc;

use dioxus::dioxus_core::{ElementId, Mutation, NoOpMutations};
use dioxus::prelude::*;
use dioxus_html::{PlatformEventData, SerializedHtmlEventConverter, SerializedMouseData};
use samenop::{App, Seed, View};
use samenop_core::event::ReportSource;

fn render(field: samenop_device::field::Field, view: View) -> (VirtualDom, Vec<ElementId>) {
    dioxus_html::set_event_converter(Box::new(SerializedHtmlEventConverter));
    let mut dom = VirtualDom::new(App);
    dom.provide_root_context(Seed::new(field, view));
    let mutations = dom.rebuild_to_vec();
    let clicks = mutations
        .edits
        .iter()
        .filter_map(|m| match m {
            Mutation::NewEventListener { name, id, .. } if name == "click" => Some(*id),
            _ => None,
        })
        .collect();
    (dom, clicks)
}

fn click(dom: &mut VirtualDom, id: ElementId) {
    let event = dioxus::dioxus_core::Event::new(
        Rc::new(PlatformEventData::new(Box::<SerializedMouseData>::default())) as Rc<dyn Any>,
        true,
    );
    dom.runtime().handle_event("click", event, id);
    dom.render_immediate(&mut NoOpMutations);
}

#[tokio::test(flavor = "current_thread")]
async fn sign_in_again_names_the_unsent_entries_and_shows_no_case() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = common::signed_in(&dir);
    field.open_case(ReportSource::PoliceReport, "Teststraat 72").unwrap();
    let (dom, _) = render(field, View::Reauth);
    let page = dioxus_ssr::render(&dom);
    assert!(page.contains("Opnieuw aanmelden"), "{page}");
    assert!(page.contains("langer dan 72 uur"), "{page}");
    assert!(page.contains("Niet-verzonden gegevens (1)"), "{page}");
    assert!(page.contains("agent.voorbeeld"), "the user's name is filled in: {page}");
    assert!(!page.contains("Teststraat 72"), "no case before the sign-in: {page}");
}

#[tokio::test(flavor = "current_thread")]
async fn sign_out_on_the_case_list_asks_once_and_names_what_is_sent_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut field = common::signed_in(&dir);
    field.open_case(ReportSource::PoliceReport, "Teststraat 16").unwrap();
    field.open_case(ReportSource::PoliceReport, "Teststraat 17").unwrap();
    let (mut dom, clicks) = render(field, View::Cases);
    let page = dioxus_ssr::render(&dom);
    assert!(page.contains("Afmelden"), "{page}");
    assert!(!page.contains("Weet je het zeker?"), "not asked before the tap: {page}");
    // The header's buttons come first: "Vergrendel", then "Afmelden".
    click(&mut dom, clicks[1]);
    assert!(
        dioxus_ssr::render(&dom).contains("Weet je het zeker?"),
        "a tap asks: {}",
        dioxus_ssr::render(&dom)
    );
    let page = dioxus_ssr::render(&dom);
    assert!(
        page.contains("Niet-verzonden gegevens (2) worden eerst verzonden"),
        "{page}"
    );
}
