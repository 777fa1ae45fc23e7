//! The one source of "now" on the server. Production reads the system clock; tests hold a
//! manual clock they set and advance, so deadlines, working hours and retries are tested
//! without sleeping.

use jiff::{SignedDuration, Timestamp};
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug, Default)]
pub struct Clock(Option<Arc<Mutex<Timestamp>>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self(None)
    }

    /// A clock that stands at `at` until it is set or advanced.
    pub fn manual(at: Timestamp) -> Self {
        Self(Some(Arc::new(Mutex::new(at))))
    }

    /// Now, to the microsecond: the precision the database keeps.
    pub fn now(&self) -> Timestamp {
        let now = match &self.0 {
            None => Timestamp::now(),
            Some(at) => *at.lock().unwrap_or_else(|e| e.into_inner()),
        };
        Timestamp::from_microsecond(now.as_microsecond()).unwrap_or(now)
    }

    /// Moves a manual clock to `at` (the system clock cannot be moved).
    pub fn set(&self, at: Timestamp) {
        if let Some(now) = &self.0 {
            *now.lock().unwrap_or_else(|e| e.into_inner()) = at;
        }
    }

    pub fn advance(&self, by: SignedDuration) {
        if let Some(now) = &self.0 {
            let mut now = now.lock().unwrap_or_else(|e| e.into_inner());
            *now = now.checked_add(by).unwrap_or(*now);
        }
    }

    pub fn is_manual(&self) -> bool {
        self.0.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manual_clock_moves_only_when_told() {
        let at: Timestamp = "2026-03-28T10:00:00Z".parse().unwrap();
        let clock = Clock::manual(at);
        assert_eq!(clock.now(), at);
        clock.advance(SignedDuration::from_hours(2));
        assert_eq!(
            clock.now(),
            "2026-03-28T12:00:00Z".parse::<Timestamp>().unwrap()
        );
        let copy = clock.clone();
        copy.set(at);
        assert_eq!(clock.now(), at, "clones share one clock");
    }
}
