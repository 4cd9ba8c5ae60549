// Rebuild when the embedded theme or starter portal changes.
fn main() {
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=src/starter");
}
