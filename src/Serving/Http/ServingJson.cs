using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlNetResNet.Serving.Http;

/// <summary>How every response body is written: plain quotes and non-ASCII class names, not \u escapes (the bodies are JSON, never HTML).</summary>
public static class ServingJson
{
    public static JsonSerializerOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
