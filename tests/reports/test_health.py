"""The health endpoint that load balancers and docker-compose probe."""

from django.urls import reverse


def test_health_url_is_the_one_docker_compose_probes():
    assert reverse("reports:health") == "/rapporter/halsa/"


def test_health_answers_ok_without_login(client, db):
    response = client.get("/rapporter/halsa/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_only_answers_get(client, db):
    assert client.post("/rapporter/halsa/").status_code == 405
