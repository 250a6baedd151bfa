#!/usr/bin/env bash
# Publishes SofaBot as a folder an operator can copy to a server: the program (ReadyToRun, so it starts fast),
# appsettings.json and the sample corpus beside it. Needs the .NET 10 and ASP.NET Core 10 runtimes on the target.
#   bash deploy/publish.sh [output-folder]      (default: artifacts/sofabot)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-artifacts/sofabot}
dotnet publish src/SofaBot -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$out"
echo "published to $out; try: $out/SofaBot corpus stats"
