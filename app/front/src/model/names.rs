//! [`names!`]: the one way to declare a closed set of names that travel as text (roles, kinds,
//! statuses). Each gets `ALL`, `as_str`, `Display`, a `FromStr` whose error names the field and
//! every accepted value, and serde and OpenAPI forms that are exactly that text.
//!
//! serde goes through `as_str`/`FromStr` instead of serde's derive: the API's error then lists
//! what is accepted, and the browser bundle carries one string match per set rather than a
//! derived visitor.

/// `names! { /// doc  Role("role", "Role") { Decider = "decider" / "Decider", ... } }`: the
/// field the API names in errors, the set's name in messages, then each variant with its text
/// and, optionally for all, a label for people. Attributes (`#[derive(Default)]`, `#[default]`)
/// pass through.
macro_rules! names {
    (
        $(#[$attr:meta])*
        $name:ident($field:literal, $what:literal) {
            $($(#[$vattr:meta])* $variant:ident = $text:literal / $label:literal),+ $(,)?
        }
    ) => {
        $crate::model::names::names!(
            $(#[$attr])* $name($field, $what) { $($(#[$vattr])* $variant = $text),+ }
        );

        impl $name {
            /// The name people read.
            pub fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label),+
                }
            }
        }
    };
    (
        $(#[$attr:meta])*
        $name:ident($field:literal, $what:literal) {
            $($(#[$vattr:meta])* $variant:ident = $text:literal),+ $(,)?
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, utoipa::ToSchema)]
        pub enum $name {
            $($(#[$vattr])* #[schema(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: [Self; [$($text),+].len()] = [$(Self::$variant),+];

            /// The name as it travels: in JSON, forms and the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text),+
                }
            }

            /// "Role must be one of decider, facilitator, contributor, informed."
            fn expected() -> String {
                format!("{} must be one of {}.", $what, [$($text),+].join(", "))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::AppError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .into_iter()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| $crate::error::AppError::invalid($field, Self::expected()))
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse()
                    .map_err(|_| <D::Error as ::serde::de::Error>::custom(Self::expected()))
            }
        }
    };
}

pub(crate) use names;

#[cfg(test)]
mod tests {
    names! {
        /// A test set.
        #[derive(Default)]
        Fruit("fruit", "Fruit") {
            Apple = "apple" / "An apple",
            #[default]
            BloodOrange = "blood_orange" / "A blood orange",
        }
    }

    #[test]
    fn names_travel_as_their_text() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::BloodOrange]);
        assert_eq!(Fruit::default(), Fruit::BloodOrange);
        assert_eq!(Fruit::BloodOrange.to_string(), "blood_orange");
        assert_eq!(Fruit::BloodOrange.label(), "A blood orange");
        assert_eq!("apple".parse::<Fruit>().unwrap(), Fruit::Apple);
        assert_eq!(
            serde_json::to_string(&Fruit::BloodOrange).unwrap(),
            "\"blood_orange\""
        );
        assert_eq!(
            serde_json::from_str::<Fruit>("\"apple\"").unwrap(),
            Fruit::Apple
        );
    }

    #[test]
    fn an_unknown_name_lists_the_accepted_ones() {
        let e = "pear".parse::<Fruit>().unwrap_err();
        assert_eq!(e.field(), Some("fruit"));
        assert_eq!(e.to_string(), "Fruit must be one of apple, blood_orange.");
        let e = serde_json::from_str::<Fruit>("\"Apple\"").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("Fruit must be one of apple, blood_orange."),
            "{e}"
        );
        assert!(serde_json::from_str::<Fruit>("3").is_err());
    }

    #[test]
    fn the_schema_lists_the_texts() {
        use utoipa::PartialSchema;
        let schema = serde_json::to_value(Fruit::schema()).unwrap();
        assert_eq!(schema["enum"], serde_json::json!(["apple", "blood_orange"]));
    }
}
