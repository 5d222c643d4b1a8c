# syntax=docker/dockerfile:1
#
# Eddy Lab: JupyterLab with the Eddy kernel ("Go (Eddy)"), the teaching notebooks, the seed data,
# and the services the notebooks use (the embedded Kafka broker and the demo producers, as
# `make lab-services` starts them).
#
#   docker build -t eddy-lab .
#   docker run --rm --init -p 8888:8888 eddy-lab        # open the URL with the token it prints
#
# docker-compose.yml runs the same image next to an apache/kafka broker instead of the embedded one.
# tests/test_docker_files.py lints this file (hadolint) and checks it against the repository.

ARG GO_VERSION=1.26
ARG PYTHON_VERSION=3.11

# ---- build: the single eddy binary (pure Go, no cgo; time zones embedded for the slim image) ----
FROM golang:${GO_VERSION}-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY cmd/ cmd/
COPY display/ display/
COPY dataframe/ dataframe/
COPY streaming/ streaming/
COPY kernel/ kernel/
RUN CGO_ENABLED=0 go build -trimpath -tags timetzdata -ldflags="-s -w" -o /out/eddy ./cmd/eddy \
    && /out/eddy version

# ---- lab: slim Python with JupyterLab, the kernelspec, notebooks and data ----
FROM python:${PYTHON_VERSION}-slim-bookworm AS lab
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1

# JupyterLab at the version requirements.txt pins, every dependency constrained to its pin.
COPY requirements.txt /tmp/requirements.txt
RUN pip install --constraint /tmp/requirements.txt "jupyterlab==4.6.6" \
    && rm /tmp/requirements.txt

COPY --from=build /out/eddy /usr/local/bin/eddy
# The kernelspec "eddy" into python's sys.prefix (/usr/local/share/jupyter/kernels/eddy).
RUN eddy install --sys-prefix \
    && test -f /usr/local/share/jupyter/kernels/eddy/kernel.json

COPY --chmod=0755 docker/entrypoint.sh /usr/local/bin/eddy-lab
# ~/.eddy (broker data, service logs) exists in the image so that a volume mounted there is the user's.
RUN useradd --create-home --uid 1000 --user-group --shell /bin/bash eddy \
    && install -d -o 1000 -g 1000 /home/eddy/.eddy
USER 1000:1000
WORKDIR /home/eddy
# The notebooks read ../data/rides.csv, so notebooks/ and data/ are siblings.
COPY --chown=1000:1000 notebooks/ notebooks/
COPY --chown=1000:1000 data/ data/

# Defaults the notebooks read; docker-compose.yml points EDDY_KAFKA_BOOTSTRAP at apache/kafka.
ENV EDDY_KAFKA_BOOTSTRAP=localhost:9092 \
    EDDY_TRANSACTIONS_ADDR=localhost:5555 \
    EDDY_EVENTS_URL=http://localhost:5000 \
    EDDY_EMBEDDED_BROKER=1 \
    EDDY_KAFKA_DATA_DIR=/home/eddy/.eddy/kafka \
    EDDY_RIDES_RATE=5 \
    EDDY_LAB_IP=0.0.0.0 \
    EDDY_LAB_PORT=8888 \
    EDDY_NOTEBOOKS=/home/eddy/notebooks \
    EDDY_DATA=/home/eddy/data

EXPOSE 8888
ENTRYPOINT ["eddy-lab"]
