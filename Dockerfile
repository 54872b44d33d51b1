# ---- build ----
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Node.js/npm: the publish step runs npm to fetch the browser JS client.
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props FlashMentoring.sln package.json package-lock.json ./
COPY build/ build/
COPY src/ src/
COPY wwwroot/ wwwroot/
# Every text in every language (the Core embeds them at build time).
COPY locales/ locales/
COPY samples/ samples/
RUN dotnet publish src/FlashMentoring.Web -c Release -o /app

# ---- runtime ----
# The ASP.NET image has no SDK and no Node: only the published output ships.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
LABEL org.opencontainers.image.title="FlashMentoring" org.opencontainers.image.licenses="MIT"
WORKDIR /app
COPY --from=build /app .
# Event data lives outside the container; the image's non-root "app" user must own it.
RUN mkdir -p /data && chown "$APP_UID" /data
USER $APP_UID
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    Storage__DataFolder=/data
VOLUME /data
EXPOSE 8080
# The runtime image has no curl or wget: the app itself asks http://127.0.0.1:8080/healthz and exits 0 or 1
# (HealthProbe in src/FlashMentoring.Web/Hosting/Health.cs). Each probe starts a small .NET process for a moment.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["dotnet", "/app/FlashMentoring.Web.dll", "--health"]
ENTRYPOINT ["dotnet", "FlashMentoring.Web.dll"]
