"""The REST API (/api/v1/) and the page API (/api/v2/) from a client's point of view."""

import pytest
import yaml
from rest_framework.authtoken.models import Token

from cms.organisation.models import MembershipRole, Unit
from cms.plugin_api import migrations as roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def wgk():
    return Unit.objects.create(name="Wydział Gospodarki Komunalnej", code="WGK")


def test_token_authentication_returns_the_user_with_units(client, make_user, wgk):
    user = make_user(
        "tomasz", groups=[roles.SUBJECT_EXPERTS], memberships=[(wgk, MembershipRole.SUBJECT_EXPERT)]
    )
    token = Token.objects.create(user=user)
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200
    assert response.json()["groups"] == ["Subject experts"]
    assert response.json()["memberships"] == [{"unit": "WGK", "role": "subject_expert"}]


def test_obtaining_a_token_with_password(client, make_user):
    make_user("anna")
    response = client.post("/api/v1/auth/token/", {"username": "anna", "password": "pass-1234-word"})
    assert response.status_code == 200
    assert len(response.json()["token"]) == 40


def test_invalid_token_gets_a_json_error(client):
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "authentication_failed"


def test_anonymous_gets_a_json_error(client):
    response = client.get("/api/v1/units/")
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401


def test_unknown_api_routes_are_json_404(client):
    for path in ("/api/v1/no-such-thing/", "/api/v2/nothing/", "/api/v3/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["error"]["code"] == "not_found"


def test_units_list_and_detail_by_code(admin_client, wgk):
    Unit.objects.create(name="Zarząd Dróg Miejskich", code="ZDM", parent=wgk)
    codes = [unit["code"] for unit in admin_client.get("/api/v1/units/").json()["results"]]
    assert codes == ["WGK", "ZDM"]
    assert admin_client.get("/api/v1/units/ZDM/").json()["parent"] == "WGK"


def test_schema_describes_api_v1_only(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    paths = yaml.safe_load(response.content)["paths"]
    assert "/api/v1/units/" in paths and "/api/v1/status/" in paths
    assert not [path for path in paths if not path.startswith("/api/v1/")]


def test_api_docs_are_served_without_a_cdn(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in response.content.decode()


def test_page_api_serves_the_home_page_to_anyone(client):
    response = client.get("/api/v2/pages/?type=core.HomePage&fields=intro")
    assert response.status_code == 200
    items = response.json()["items"]
    assert len(items) == 1 and "intro" in items[0]


def test_status_endpoint_needs_its_permission(client, admin_client, make_user):
    make_user("jan")
    client.login(username="jan", password="pass-1234-word")
    assert client.get("/api/v1/status/").status_code == 403
    report = admin_client.get("/api/v1/status/").json()
    services = {service["key"]: service for service in report["services"]}
    assert set(services) == {"database", "queues", "scheduler", "elasticsearch"}
    assert services["database"]["detail"] == "postgresql"
    assert services["elasticsearch"]["ok"] and " 8." in services["elasticsearch"]["detail"]
