"""Write the sample cases, their finding masks and samples/manifest.json (dev-time only).

Usage: make_samples.py <samples-dir>

Formats covered: 8-bit grayscale PNG, 16-bit grayscale PNG, 8-bit RGB PNG (tinted, so the
channels differ), JPEG quality 95, DICOM MONOCHROME2 12-bit stored with rescale slope/intercept
and a window, DICOM MONOCHROME1 16-bit with a window and no rescale tags. One case is non-square.
"""

from __future__ import annotations

import json
import os
import sys
from typing import Dict, List, Tuple

import cv2
import numpy as np
import pydicom
from PIL import Image
from pydicom.dataset import FileDataset, FileMetaDataset
from pydicom.uid import ExplicitVRLittleEndian, generate_uid

from generate_cases import make_spec, render_case

CR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.1'
DX_IMAGE_STORAGE_PRESENTATION = '1.2.840.10008.5.1.4.1.1.1.1'

# id, seed, task, findings, (height, width), format, variant
SAMPLES: List[Tuple[str, int, str, Tuple[str, ...], Tuple[int, int], str, str]] = [
    ('case-01-normal', 11, 'multiclass', (), (256, 256), 'png', 'gray8'),
    ('case-02-nodule', 12, 'multiclass', ('nodule',), (256, 256), 'png', 'gray8'),
    ('case-03-opacity', 13, 'multiclass', ('opacity',), (256, 256), 'png', 'gray8'),
    ('case-04-nodule-16bit', 14, 'multiclass', ('nodule',), (256, 256), 'png', 'gray16'),
    ('case-05-opacity-rgb', 15, 'multiclass', ('opacity',), (240, 288), 'png', 'rgb8'),
    ('case-06-normal-jpeg', 16, 'multiclass', (), (256, 256), 'jpeg', 'gray8-q95'),
    ('case-07-nodule-effusion-dicom', 17, 'multilabel', ('nodule', 'effusion'), (256, 256), 'dicom', 'monochrome2-12bit'),
    ('case-08-opacity-effusion-dicom', 18, 'multilabel', ('opacity', 'effusion'), (256, 256), 'dicom', 'monochrome1-16bit'),
    ('case-09-all-findings', 19, 'multilabel', ('nodule', 'opacity', 'effusion'), (256, 256), 'png', 'gray8'),
]

EXTENSIONS = {'png': '.png', 'jpeg': '.jpg', 'dicom': '.dcm'}


def write_png_gray8(path: str, img: np.ndarray) -> None:
    Image.fromarray(np.round(img * 255.0).astype(np.uint8), mode='L').save(path, optimize=True)


def write_png_gray16(path: str, img: np.ndarray) -> None:
    if not cv2.imwrite(path, np.round(img * 65535.0).astype(np.uint16)):
        raise RuntimeError(f'could not write {path}')
    with Image.open(path) as check:
        if check.mode not in ('I;16', 'I;16B', 'I;16L', 'I'):
            raise RuntimeError(f'{path}: expected a 16-bit grayscale PNG, PIL reads mode {check.mode}')


def write_png_rgb8(path: str, img: np.ndarray) -> None:
    # A warm tint (as from a photographed film): the three channels differ, so luminance matters.
    rgb = np.stack([img, img * 0.95 + 0.02, img * 0.85], axis=2)
    Image.fromarray(np.round(np.clip(rgb, 0.0, 1.0) * 255.0).astype(np.uint8), mode='RGB').save(path, optimize=True)


def write_jpeg(path: str, img: np.ndarray) -> None:
    Image.fromarray(np.round(img * 255.0).astype(np.uint8), mode='L').save(path, quality=95)


def _dicom_base(path: str, case_id: str, number: int, sop_class: str, modality: str) -> FileDataset:
    def uid(kind: str) -> str:
        return generate_uid(entropy_srcs=['lightbox-demo', case_id, kind])

    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = sop_class
    meta.MediaStorageSOPInstanceUID = uid('sop')
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = generate_uid(entropy_srcs=['lightbox-demo', 'implementation'])
    meta.ImplementationVersionName = 'LIGHTBOX_DEMO_1'
    ds = FileDataset(path, {}, file_meta=meta, preamble=b'\0' * 128)
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    ds.SpecificCharacterSet = 'ISO_IR 100'
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = meta.MediaStorageSOPInstanceUID
    ds.StudyInstanceUID = uid('study')
    ds.SeriesInstanceUID = uid('series')
    ds.FrameOfReferenceUID = uid('frame')
    ds.StudyDate = f'202403{number:02d}'
    ds.SeriesDate = ds.StudyDate
    ds.ContentDate = ds.StudyDate
    ds.StudyTime = '101500'
    ds.SeriesTime = '101512'
    ds.ContentTime = '101512'
    ds.AccessionNumber = f'SYN{number:06d}'
    ds.Modality = modality
    ds.Manufacturer = 'Lightbox synthetic demo generator'
    ds.InstitutionName = 'Synthetic General Hospital'
    ds.InstitutionAddress = '1 Nowhere Street, Faketown'
    ds.ReferringPhysicianName = 'FICTIONAL^REFERRER'
    ds.OperatorsName = 'FICTIONAL^OPERATOR'
    ds.StudyDescription = 'CHEST PA (synthetic demo, not a real patient)'
    ds.SeriesDescription = 'PA'
    ds.PatientName = f'SYNTHETIC^DEMO^CASE{number:02d}'
    ds.PatientID = f'LBX-DEMO-{number:04d}'
    ds.PatientBirthDate = f'19{50 + number}0{1 + number % 9}15'
    ds.PatientSex = 'F' if number % 2 else 'M'
    ds.PatientAge = f'0{74 - number}Y'
    ds.StudyID = f'S{number:04d}'
    ds.SeriesNumber = 1
    ds.InstanceNumber = 1
    ds.BodyPartExamined = 'CHEST'
    ds.ViewPosition = 'PA'
    ds.PatientOrientation = ['L', 'F']
    ds.ImagerPixelSpacing = ['0.7', '0.7']
    return ds


def _set_pixels(ds: FileDataset, stored: np.ndarray, bits_stored: int, photometric: str) -> None:
    ds.SamplesPerPixel = 1
    ds.PhotometricInterpretation = photometric
    ds.Rows, ds.Columns = int(stored.shape[0]), int(stored.shape[1])
    ds.BitsAllocated = 16
    ds.BitsStored = bits_stored
    ds.HighBit = bits_stored - 1
    ds.PixelRepresentation = 0
    ds.PixelData = stored.astype('<u2').tobytes()


def write_dicom_mono2_12bit(path: str, img: np.ndarray, case_id: str, number: int) -> Dict[str, object]:
    """Stored 0..4095 (12 bits), modality value = stored - 1024, window 1000/3600 (clips both ends)."""
    ds = _dicom_base(path, case_id, number, CR_IMAGE_STORAGE, 'CR')
    stored = np.round(img * 4095.0).astype(np.uint16)
    _set_pixels(ds, stored, 12, 'MONOCHROME2')
    ds.RescaleIntercept = '-1024'
    ds.RescaleSlope = '1'
    ds.RescaleType = 'US'
    ds.WindowCenter = '1000'
    ds.WindowWidth = '3600'
    ds.save_as(path, write_like_original=False)
    return {'photometric': 'MONOCHROME2', 'bitsStored': 12, 'rescaleSlope': 1, 'rescaleIntercept': -1024, 'windowCenter': 1000, 'windowWidth': 3600}


def write_dicom_mono1_16bit(path: str, img: np.ndarray, case_id: str, number: int) -> Dict[str, object]:
    """Inverted storage (bright = low value), 16 bits stored, no rescale tags (identity), window 15400/28000."""
    ds = _dicom_base(path, case_id, number, DX_IMAGE_STORAGE_PRESENTATION, 'DX')
    ds.PresentationIntentType = 'FOR PRESENTATION'
    stored = np.round(400.0 + (1.0 - img) * 30000.0).astype(np.uint16)
    _set_pixels(ds, stored, 16, 'MONOCHROME1')
    ds.WindowCenter = '15400'
    ds.WindowWidth = '28000'
    ds.save_as(path, write_like_original=False)
    return {'photometric': 'MONOCHROME1', 'bitsStored': 16, 'windowCenter': 15400, 'windowWidth': 28000}


def main() -> None:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    manifest = []
    for number, (case_id, seed, task, findings, (height, width), fmt, variant) in enumerate(SAMPLES, start=1):
        img, masks = render_case(make_spec(seed, task, findings), height, width)
        file_name = case_id + EXTENSIONS[fmt]
        path = os.path.join(out, file_name)
        entry: Dict[str, object] = {
            'id': case_id,
            'file': file_name,
            'format': fmt,
            'variant': variant,
            'task': task,
            'labels': list(findings) or ['normal'],
            'masks': {},
            'width': width,
            'height': height,
        }
        if variant == 'gray8':
            write_png_gray8(path, img)
        elif variant == 'gray16':
            write_png_gray16(path, img)
        elif variant == 'rgb8':
            write_png_rgb8(path, img)
        elif variant == 'gray8-q95':
            write_jpeg(path, img)
        elif variant == 'monochrome2-12bit':
            entry['dicom'] = write_dicom_mono2_12bit(path, img, case_id, number)
        elif variant == 'monochrome1-16bit':
            entry['dicom'] = write_dicom_mono1_16bit(path, img, case_id, number)
        else:
            raise ValueError(variant)
        for finding, mask in masks.items():
            mask_name = f'{case_id}.mask-{finding}.png'
            Image.fromarray(mask.astype(np.uint8) * 255, mode='L').save(os.path.join(out, mask_name), optimize=True)
            entry['masks'][finding] = mask_name  # type: ignore[index]
        if sorted(masks) != sorted(findings):
            raise RuntimeError(f'{case_id}: masks {sorted(masks)} do not match findings {sorted(findings)}')
        manifest.append(entry)
        print(f'{file_name}: {width}x{height} {variant}, labels {entry["labels"]}')
    with open(os.path.join(out, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=2)
        f.write('\n')
    # Sanity check: the DICOM files read back with pydicom.
    for entry in manifest:
        if entry['format'] == 'dicom':
            ds = pydicom.dcmread(os.path.join(out, str(entry['file'])))
            assert ds.file_meta.TransferSyntaxUID == ExplicitVRLittleEndian
            assert ds.pixel_array.shape == (entry['height'], entry['width'])


if __name__ == '__main__':
    main()
