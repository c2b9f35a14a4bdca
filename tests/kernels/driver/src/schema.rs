//! The project's JSON Schemas, compiled into the driver, so that each kernel's answers are
//! checked against them where the schema files are not.

use serde_json::Value;

/// The schema file for a document's `display`.
fn source(display: &str) -> Option<&'static str> {
    Some(match display {
        "sockets" => include_str!("../../../../schema/sockets.json"),
        "routes" => include_str!("../../../../schema/routes.json"),
        "interfaces" => include_str!("../../../../schema/interfaces.json"),
        "multicast" => include_str!("../../../../schema/multicast.json"),
        "neighbors" => include_str!("../../../../schema/neighbors.json"),
        "queues" => include_str!("../../../../schema/queues.json"),
        "taps" => include_str!("../../../../schema/taps.json"),
        "link_status" => include_str!("../../../../schema/link_status.json"),
        "traffic" => include_str!("../../../../schema/traffic.json"),
        d if d.ends_with("statistics") => include_str!("../../../../schema/statistics.json"),
        _ => return None,
    })
}

/// Err listing where `doc` does not match its display's schema.
pub fn check(doc: &Value) -> Result<(), String> {
    let display = doc["display"].as_str().unwrap_or_default();
    let text = source(display).ok_or(format!("no schema for display {display:?}"))?;
    let schema: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let validator = jsonschema::validator_for(&schema).map_err(|e| e.to_string())?;
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!("{display} does not match its schema: {errors:?}"))
    }
}
