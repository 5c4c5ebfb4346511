//! The idle auto-lock clock. The desktop shell owns the timer thread; the rule lives here so it can
//! be tested without waiting.

use std::time::{Duration, Instant};

/// Lock after 15 minutes without use unless the user chooses otherwise.
pub const DEFAULT_IDLE_MINUTES: u32 = 15;

#[derive(Debug, Clone)]
pub struct IdleClock {
    timeout: Duration,
    last_activity: Instant,
}

impl IdleClock {
    pub fn new(timeout: Duration, now: Instant) -> Self {
        IdleClock { timeout, last_activity: now }
    }

    pub fn touch(&mut self, now: Instant) {
        if now > self.last_activity {
            self.last_activity = now;
        }
    }

    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// True once the vault has gone unused for the whole timeout.
    pub fn expired(&self, now: Instant) -> bool {
        now.saturating_duration_since(self.last_activity) >= self.timeout
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_only_after_the_whole_timeout_without_activity() {
        let t0 = Instant::now();
        let mut clock = IdleClock::new(Duration::from_secs(900), t0);
        assert!(!clock.expired(t0 + Duration::from_secs(899)));
        clock.touch(t0 + Duration::from_secs(600));
        assert!(!clock.expired(t0 + Duration::from_secs(1400)));
        assert!(clock.expired(t0 + Duration::from_secs(1500)));
    }

    #[test]
    fn activity_from_the_past_does_not_rewind_the_clock() {
        let t0 = Instant::now();
        let mut clock = IdleClock::new(Duration::from_secs(10), t0 + Duration::from_secs(5));
        clock.touch(t0);
        assert!(clock.expired(t0 + Duration::from_secs(15)));
    }
}
