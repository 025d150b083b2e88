"""The review's people, contributions and SMTP server, shared with the security tests."""
from tests.review.conftest import contribution, people, smtp, smtp_port  # noqa: F401 - fixtures
