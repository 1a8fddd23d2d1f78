/**
 * Sources for the diabetic-retinopathy datasets and the clinical study the article quotes:
 * dataset sizes, where they come from, and the study whose development set is the article's
 * largest example.
 */
import type { Reference } from './types';

export const CLINICAL_REFERENCES = {
  'gulshan-2016': {
    id: 'gulshan-2016',
    title:
      'Development and Validation of a Deep Learning Algorithm for Detection of Diabetic Retinopathy in Retinal Fundus Photographs',
    authors:
      'Varun Gulshan, Lily Peng, Marc Coram, Martin C. Stumpe, Derek Wu, Arunachalam Narayanaswamy, Subhashini Venugopalan, Kasumi Widner, Tom Madams, Jorge Cuadros, Ramasamy Kim, Rajiv Raman, Philip C. Nelson, Jessica L. Mega, Dale R. Webster',
    publisher: 'JAMA 316(22):2402–2410',
    year: '2016',
    url: 'https://doi.org/10.1001/jama.2016.17216',
    note: 'Development set of 128,175 images, each graded 3 to 7 times by a panel of 54 US ophthalmologists; validated on EyePACS-1 (9,963 images) and Messidor-2 (1,748 images).',
  },
  'kaggle-dr-2015': {
    id: 'kaggle-dr-2015',
    title: 'Diabetic Retinopathy Detection (competition data)',
    authors: 'California Healthcare Foundation and EyePACS',
    publisher: 'Kaggle',
    year: '2015',
    url: 'https://www.kaggle.com/c/diabetic-retinopathy-detection/data',
    note: 'Training set of 35,126 images (grades 0–4, left and right eye of each subject); test set of 53,576 (10,906 public leaderboard, 42,670 private).',
  },
  'cuadros-2009-eyepacs': {
    id: 'cuadros-2009-eyepacs',
    title: 'EyePACS: An Adaptable Telemedicine System for Diabetic Retinopathy Screening',
    authors: 'Jorge Cuadros, George Bresnick',
    publisher: 'Journal of Diabetes Science and Technology 3(3):509–516',
    year: '2009',
    url: 'https://doi.org/10.1177/193229680900300315',
    note: 'The screening programme whose photographs make up the Kaggle 2015 data.',
  },
  'tfds-diabetic-retinopathy': {
    id: 'tfds-diabetic-retinopathy',
    title: 'diabetic_retinopathy_detection (TensorFlow Datasets catalog and builder)',
    publisher: 'TensorFlow Datasets',
    url: 'https://www.tensorflow.org/datasets/catalog/diabetic_retinopathy_detection',
    note: 'The builder (tensorflow_datasets/image_classification/diabetic_retinopathy_detection.py) states the split sizes 35,126 train, 10,906 validation (public test), 42,670 test (private), and describes the btgraham-300 preprocessing of the 2015 winner.',
  },
  'aptos-2019': {
    id: 'aptos-2019',
    title: 'APTOS 2019 Blindness Detection',
    authors: 'Asia Pacific Tele-Ophthalmology Society and Aravind Eye Hospital',
    publisher: 'Kaggle',
    year: '2019',
    url: 'https://www.kaggle.com/c/aptos2019-blindness-detection',
    note: 'Training set of 3,662 images graded 0–4; public test set of 1,928; a hidden private test set of about 11,000 (a kernels-only competition). The test-set sizes are from a write-up of the top solutions, not from this page.',
  },
  'messidor-2014': {
    id: 'messidor-2014',
    title: 'Feedback on a Publicly Distributed Image Database: the Messidor Database',
    authors:
      'Etienne Decencière, Xiwei Zhang, Guy Cazuguel, Bruno Laÿ, Béatrice Cochener, Caroline Trone, Philippe Gain, John-Richard Ordóñez-Varela, Pascale Massin, Ali Erginay, Béatrice Charton, Jean-Claude Klein',
    publisher: 'Image Analysis & Stereology 33(3):231–234',
    year: '2014',
    url: 'https://doi.org/10.5566/ias.1155',
    note: '1,200 colour fundus images from three French ophthalmology departments (Topcon TRC NW6, 45° field), in three sets of 400.',
  },
  'messidor-adcis': {
    id: 'messidor-adcis',
    title: 'Messidor',
    publisher: 'ADCIS',
    url: 'https://www.adcis.net/en/third-party/messidor/',
    note: 'The distribution page of the Messidor database, with its description (1,200 images) and terms of use.',
  },
  'messidor-2': {
    id: 'messidor-2',
    title: 'Messidor-2',
    publisher: 'ADCIS',
    url: 'https://www.adcis.net/en/third-party/messidor2/',
    note: 'Examinations of two macula-centred images each (one per eye). The count of 1,748 images is the one reported by Gulshan et al. (2016); 874 examinations is 1,748 / 2.',
  },
  'idrid-2018': {
    id: 'idrid-2018',
    title:
      'Indian Diabetic Retinopathy Image Dataset (IDRiD): A Database for Diabetic Retinopathy Screening Research',
    authors:
      'Prasanna Porwal, Samiksha Pachade, Ravi Kamble, Manesh Kokare, Girish Deshmukh, Vivek Sahasrabuddhe, Fabrice Meriaudeau',
    publisher: 'Data 3(3):25 (MDPI)',
    year: '2018',
    url: 'https://doi.org/10.3390/data3030025',
  },
  'idrid-challenge': {
    id: 'idrid-challenge',
    title: 'IDRiD: Diabetic Retinopathy – Segmentation and Grading Challenge (data)',
    publisher: 'Grand Challenge',
    year: '2018',
    url: 'https://idrid.grand-challenge.org/Data/',
    note: '516 images of 4288 × 2848 pixels from a Kowa VX-10α camera with a 50° field; 81 of them with pixel-level lesion masks. The grading split usually cited is 413 training / 103 test.',
  },
  'ddr-2019': {
    id: 'ddr-2019',
    title: 'Diagnostic Assessment of Deep Learning Algorithms for Diabetic Retinopathy Screening',
    authors: 'Tao Li, Yingqi Gao, Kai Wang, Song Guo, Hanruo Liu, Hong Kang',
    publisher: 'Information Sciences 501:511–522',
    year: '2019',
    url: 'https://doi.org/10.1016/j.ins.2019.06.011',
    note: 'Introduces the DDR dataset: 13,673 fundus images from 9,598 patients, graded in six classes (five DR grades and ungradable), 757 of them with lesion annotations.',
  },
  'ddr-dataset': {
    id: 'ddr-dataset',
    title: 'DDR dataset (OIA-DDR)',
    authors: 'Tao Li et al., Nankai University',
    publisher: 'GitHub',
    url: 'https://github.com/nkicsl/DDR-dataset',
    note: 'The official distribution of the DDR images and labels.',
  },
} as const satisfies Record<string, Reference>;

export type ClinicalReferenceId = keyof typeof CLINICAL_REFERENCES;
