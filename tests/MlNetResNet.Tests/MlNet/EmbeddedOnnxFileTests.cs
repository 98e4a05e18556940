using MlNetResNet.Tests.Support;

namespace MlNetResNet.Tests.MlNet;

public class EmbeddedOnnxFileTests
{
    [Fact]
    public void TheFirstFileInAFolderRemovesTheFilesOfProcessesThatNoLongerRunAndNothingElse()
    {
        using var temp = new TempFolder();
        string Id() => Guid.NewGuid().ToString("N");
        // Above Linux's largest process id (2^22), so no process has it.
        string orphan = temp.File($"mlnetresnet-999999999-{Id()}.onnx");
        string[] kept =
        [
            temp.File($"mlnetresnet-{Environment.ProcessId}-{Id()}.onnx"), // a running process's file
            temp.File($"mlnetresnet-{Id()}.onnx"),                         // no process id: cannot tell
            temp.File("mlnetresnet-999999999-notes.onnx"),                  // not our naming
            temp.File("other-999999999-file.onnx"),
        ];
        foreach (string path in kept.Append(orphan)) File.WriteAllText(path, "x");

        using var file = new EmbeddedOnnxFile([1, 2, 3], temp.Path);

        Assert.False(File.Exists(orphan));
        Assert.All(kept, path => Assert.True(File.Exists(path), path));
        Assert.Contains($"mlnetresnet-{Environment.ProcessId}-", file.Path);
        Assert.Empty(EmbeddedOnnxFile.RemoveOrphans(temp.Path));
    }
}
