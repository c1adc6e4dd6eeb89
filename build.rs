//! The migrations are embedded in the binary (`include_dir!` in src/store/mod.rs): a new or
//! changed file under migrations/ must rebuild it, which the macro alone does not ask of cargo.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
