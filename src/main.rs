//! Launches the app on the platform chosen by feature (desktop | mobile | web).

fn main() {
    dioxus::launch(samenop::App);
}
