//! The OpenAPI document's shared parts: the bearer scheme, and the answers an operation can
//! give besides its own success, added by rule rather than by each handler's annotation, so
//! that none can forget one: a client (or schemathesis) reading the document is never surprised
//! by a status, and every failure is documented as the error envelope, with `Retry-After` on 429.

use super::error::ErrorBody;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Object, OpenApi, Ref, RefOr, ResponseBuilder, Type};
use utoipa::{Modify, PartialSchema, ToSchema};

/// `Authorization: Bearer <token>`: an organizer token, or an attendee's link secret.
pub struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components
            .schemas
            .entry(ErrorBody::name().into_owned())
            .or_insert_with(ErrorBody::schema);
    }
}

/// The failures each kind of operation can answer with (API.md, "Conventions").
pub struct StandardAnswers;

impl Modify for StandardAnswers {
    fn modify(&self, openapi: &mut OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            let with_ids = path.contains('{');
            let operations = [
                (&mut item.get, false),
                (&mut item.head, false),
                (&mut item.post, true),
                (&mut item.put, true),
                (&mut item.patch, true),
                (&mut item.delete, true),
            ];
            for (operation, writes) in operations {
                if let Some(operation) = operation.as_mut() {
                    add_failures(operation, with_ids, writes);
                }
            }
        }
    }
}

fn add_failures(operation: &mut Operation, with_ids: bool, writes: bool) {
    let signed_in = operation.security.as_ref().is_some_and(|s| !s.is_empty());
    let has_body = operation.request_body.is_some();
    let failures: [(bool, &str, &str); 7] = [
        (
            has_body,
            "400",
            "Not JSON, a wrong type, an unknown value (`invalid`)",
        ),
        (
            signed_in,
            "401",
            "No token, or one that no longer works (`unauthenticated`)",
        ),
        (signed_in, "403", "The token may not do this (`forbidden`)"),
        (
            with_ids,
            "404",
            "Unknown, or not the caller's to see (`not_found`)",
        ),
        (has_body, "413", "A body over 1 MiB (`too_large`)"),
        (
            has_body,
            "422",
            "Well-formed but breaks a rule (`validation`), `field` says which",
        ),
        (
            writes,
            "429",
            "Too many writes from this actor (`rate_limited`)",
        ),
    ];
    for (applies, status, description) in failures {
        if !applies {
            continue;
        }
        let answer = operation
            .responses
            .responses
            .entry(status.to_owned())
            .or_insert_with(|| RefOr::T(ResponseBuilder::new().description(description).build()));
        let RefOr::T(answer) = answer else {
            continue;
        };
        // a handler's own wording stays; what it left out is filled in
        answer
            .content
            .entry("application/json".to_owned())
            .or_insert_with(|| {
                ContentBuilder::new()
                    .schema(Some(RefOr::Ref(Ref::from_schema_name(ErrorBody::name()))))
                    .build()
            });
        if status == "429" {
            answer
                .headers
                .entry("Retry-After".to_owned())
                .or_insert_with(|| {
                    HeaderBuilder::new()
                        .schema(Object::with_type(Type::Integer))
                        .description(Some("Seconds to wait before trying again"))
                        .build()
                });
        }
    }
}
