"""The system status screen: what an administrator sees about services, workers and plugins."""

import django_rq
import pytest
from rq import Worker

from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db


def test_administrators_see_services_and_plugins(client, make_user):
    make_user("kasia", groups=[roles.ADMINISTRATORS])
    client.login(username="kasia", password="pass-1234-word")
    page = client.get("/admin/plugins/status/").content.decode()
    assert "Stan systemu" in page
    assert "postgresql" in page and "wersja 8." in page
    assert "Dummy plugin" in page and "1.2.3" in page


def test_other_admin_users_are_refused(client, make_user):
    make_user("anna", groups=[roles.EDITORS])
    client.login(username="anna", password="pass-1234-word")
    # Wagtail's admin answers a permission error by sending the user back to the dashboard.
    response = client.get("/admin/plugins/status/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Stan systemu" not in response.content.decode()
    assert "/admin/plugins/status/" not in client.get("/admin/").content.decode()


def test_queues_without_a_worker_are_a_problem(admin_client, redis_connection):
    services = {s["key"]: s for s in admin_client.get("/api/v1/status/").json()["services"]}
    assert not services["queues"]["ok"]
    assert "rqworker default publishing notifications" in services["queues"]["detail"]

    worker = Worker([django_rq.get_queue("default")], connection=redis_connection)
    worker.register_birth()
    try:
        services = {s["key"]: s for s in admin_client.get("/api/v1/status/").json()["services"]}
        assert services["queues"]["ok"]
    finally:
        worker.register_death()
