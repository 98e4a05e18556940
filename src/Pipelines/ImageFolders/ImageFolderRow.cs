namespace MlNetResNet.Pipelines;

/// <summary>One image of an image-folder tree: where it is and which class folder it sits in.</summary>
public sealed class ImageFolderRow
{
    /// <summary>Full path of the image file.</summary>
    public string ImagePath { get; set; } = "";

    /// <summary>Class name (the name of the class folder).</summary>
    public string Label { get; set; } = "";
}
